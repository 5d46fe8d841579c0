import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * relay-load.sh's measurement: waits until the gateway holds the expected number of media sessions,
 * lets them settle, then over a window reads org.tabphone:type=Media (PacketsRelayed, PacketsDropped,
 * ActiveSessions) once a second over one JMX connection, and /proc for CPU time (utime + stime) of the
 * gateway JVM, its threads, both sipps and the whole machine, and for UDP drops on the gateway's media
 * sockets and on sipp's media sockets (nobody reads those, so once full their drop counters count the
 * packets the gateway delivered to each endpoint). Prints one line a second and a summary.
 *
 * Usage: java MediaLoad.java key=value... with jmx=<service url> gw=<pid> uac=<pid> uas=<pid> calls=<N>
 *   settle=<s> window=<s> hz=<CLK_TCK> gwPorts=<min>-<max> uacMedia=<port> uasMedia=<port> [jfr=<file>]
 *   [wait=<s> to reach the sessions, default 120] [interval=<s> between readings, default 5: each JMX
 *   reading costs the gateway a little CPU on an RMI thread, about 2 % of a core at one a second]
 */
public class MediaLoad {
    private static final int PACKETS_PER_SECOND_PER_DIRECTION = 50; // G.711, 20 ms packets

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : argv) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        long gw = Long.parseLong(a.get("gw"));
        long uac = Long.parseLong(a.get("uac"));
        long uas = Long.parseLong(a.get("uas"));
        int calls = Integer.parseInt(a.get("calls"));
        int settle = Integer.parseInt(a.get("settle"));
        int window = Integer.parseInt(a.get("window"));
        int waitMax = Integer.parseInt(a.getOrDefault("wait", "120"));
        int interval = Integer.parseInt(a.getOrDefault("interval", "5"));
        double hz = Double.parseDouble(a.get("hz"));
        String[] range = a.get("gwPorts").split("-");
        int portMin = Integer.parseInt(range[0]);
        int portMax = Integer.parseInt(range[1]);
        int uacMedia = Integer.parseInt(a.get("uacMedia"));
        int uasMedia = Integer.parseInt(a.get("uasMedia"));

        JMXServiceURL url = new JMXServiceURL(a.get("jmx"));
        Map<String, Object> env = Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", "admin"});
        try (JMXConnector c = JMXConnectorFactory.connect(url, env)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName media = new ObjectName("org.tabphone:type=Media");

            // 1. wait for the calls
            long t0 = System.nanoTime();
            long lastRelayed = relayed(mbs, media);
            int sessions = 0;
            while ((sessions = sessions(mbs, media)) < calls) {
                if ((System.nanoTime() - t0) / 1e9 > waitMax) {
                    System.out.printf("# only %d of %d media sessions after %d s: giving up%n", sessions, calls, waitMax);
                    System.exit(1);
                }
                Thread.sleep(1000);
                long r = relayed(mbs, media);
                System.out.printf("[%s] ramp: %d media sessions, %d packets relayed in the last second%n", now(), sessions,
                    r - lastRelayed);
                lastRelayed = r;
            }
            System.out.printf("[%s] %d media sessions; settling %d s%n", now(), sessions, settle);
            Thread.sleep(settle * 1000L);

            // 2. the window
            if (a.containsKey("jfr")) {
                new ProcessBuilder("jcmd", Long.toString(gw), "JFR.start", "name=media", "settings=profile",
                    "duration=" + window + "s", "filename=" + a.get("jfr")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
            Snapshot first = Snapshot.take(mbs, media, gw, uac, uas, portMin, portMax, uacMedia, uasMedia);
            System.out.printf("# window: %d s from %s; %d media sessions at start%n", window, now(), first.sessions);
            System.out.printf("%4s %10s %10s %9s %8s %8s %8s%n", "s", "relayed/s", "dropped/s", "sessions", "gwCPU%",
                "gwUser%", "gwSys%");
            Snapshot prev = first;
            int minSessions = first.sessions;
            int maxSessions = first.sessions;
            long start = System.nanoTime();
            for (int step = interval; ; step += interval) {
                int s = Math.min(step, window); // seconds into the window of this reading
                long due = start + s * 1_000_000_000L;
                long sleep = (due - System.nanoTime()) / 1_000_000;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
                Snapshot cur = Snapshot.take(mbs, media, gw, uac, uas, portMin, portMax, uacMedia, uasMedia);
                double secs = (cur.nanos - prev.nanos) / 1e9;
                System.out.printf("%4d %10.0f %10.0f %9d %7.0f%% %7.0f%% %7.0f%%%n", s, (cur.relayed - prev.relayed) / secs,
                    (cur.dropped - prev.dropped) / secs, cur.sessions,
                    100 * (cur.gwUser + cur.gwSys - prev.gwUser - prev.gwSys) / hz / secs,
                    100 * (cur.gwUser - prev.gwUser) / hz / secs, 100 * (cur.gwSys - prev.gwSys) / hz / secs);
                minSessions = Math.min(minSessions, cur.sessions);
                maxSessions = Math.max(maxSessions, cur.sessions);
                prev = cur;
                if (s == window) {
                    break;
                }
            }
            Snapshot last = prev;
            summary(first, last, hz, calls, minSessions, maxSessions);
        }
    }

    private static void summary(Snapshot f, Snapshot l, double hz, int calls, int minSessions, int maxSessions) {
        double secs = (l.nanos - f.nanos) / 1e9;
        double pps = (l.relayed - f.relayed) / secs;
        double expected = calls * 2.0 * PACKETS_PER_SECOND_PER_DIRECTION;
        double gwCpu = (l.gwUser + l.gwSys - f.gwUser - f.gwSys) / hz / secs; // cores
        double gwUser = (l.gwUser - f.gwUser) / hz / secs;
        double gwSys = (l.gwSys - f.gwSys) / hz / secs;
        double uacCpu = (l.uacTicks - f.uacTicks) / hz / secs;
        double uasCpu = (l.uasTicks - f.uasTicks) / hz / secs;
        double busy = (l.busyTicks - f.busyTicks) / hz / secs;
        double other = Math.max(0, busy - gwCpu - uacCpu - uasCpu);
        System.out.printf("%n== relay over %.1f s (%s to %s)%n", secs, f.clock, l.clock);
        System.out.printf("media sessions                 %d (min %d, max %d during the window; %d expected)%n", l.sessions,
            minSessions, maxSessions, calls);
        System.out.printf("packets relayed                %d = %.0f packets/s (expected %d calls x 2 directions x %d = %.0f/s: %.1f%%)%n",
            l.relayed - f.relayed, pps, calls, PACKETS_PER_SECOND_PER_DIRECTION, expected, 100 * pps / expected);
        System.out.printf("packets dropped by the gateway %d (%.1f/s)%n", l.dropped - f.dropped, (l.dropped - f.dropped) / secs);
        System.out.printf("delivered to the UAC / UAS     %.0f / %.0f packets/s (drop counters of sipp's unread media sockets)%n",
            (l.uacMediaDrops - f.uacMediaDrops) / secs, (l.uasMediaDrops - f.uasMediaDrops) / secs);
        System.out.printf("UDP drops, gateway media ports %d; UDP NoPorts (sent to closed ports, whole host) %d%n",
            l.gwMediaDrops - f.gwMediaDrops, l.noPorts - f.noPorts);
        System.out.printf("gateway CPU                    %.1f%% of one core (user %.1f%%, system %.1f%%) = %.3f cores%n",
            100 * gwCpu, 100 * gwUser, 100 * gwSys, gwCpu);
        System.out.printf("gateway CPU per 1,000 packets/s %.2f%% of one core; %.1f us CPU per relayed packet%n",
            pps > 0 ? 100 * gwCpu * 1000 / pps : 0, pps > 0 ? gwCpu * 1e6 / pps : 0);
        System.out.printf("for %d calls at 50 packets/s each way: %.3f cores (scaled to the expected %.0f packets/s)%n", calls,
            pps > 0 ? gwCpu * expected / pps : 0, expected);
        System.out.printf("sipp CPU: UAC %.1f%%, UAS %.1f%%; rest of the machine %.1f%% (100%% = one core of %d)%n",
            100 * uacCpu, 100 * uasCpu, 100 * other, Runtime.getRuntime().availableProcessors());
        System.out.printf("load average at the end        %s%n", l.load);
        // CPU per gateway thread group
        Map<String, Double> groups = new TreeMap<>();
        for (Map.Entry<String, long[]> e : l.threads.entrySet()) {
            long[] before = f.threads.get(e.getKey());
            long d = e.getValue()[0] - (before == null ? 0 : before[0]);
            if (d > 0) {
                groups.merge(l.threadNames.get(e.getKey()).replaceAll("[0-9]+", "N"), 100 * d / hz / secs, Double::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
            .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                .append(String.format("%.0f%%", e.getValue())));
        System.out.printf("gateway CPU by thread          %s%n", sb);
    }

    private static int sessions(MBeanServerConnection mbs, ObjectName media) throws Exception {
        return ((Number) mbs.getAttribute(media, "ActiveSessions")).intValue();
    }

    private static long relayed(MBeanServerConnection mbs, ObjectName media) throws Exception {
        return ((Number) mbs.getAttribute(media, "PacketsRelayed")).longValue();
    }

    private static String now() {
        return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private record Snapshot(long nanos, String clock, long relayed, long dropped, int sessions, long gwUser, long gwSys,
                            long uacTicks, long uasTicks, long busyTicks, long gwMediaDrops, long uacMediaDrops,
                            long uasMediaDrops, long noPorts, String load, Map<String, long[]> threads,
                            Map<String, String> threadNames) {
        static Snapshot take(MBeanServerConnection mbs, ObjectName media, long gw, long uac, long uas, int portMin,
                             int portMax, int uacMedia, int uasMedia) throws Exception {
            long nanos = System.nanoTime();
            long[] g = ticks(Path.of("/proc/" + gw + "/stat"));
            long[] u1 = ticks(Path.of("/proc/" + uac + "/stat"));
            long[] u2 = ticks(Path.of("/proc/" + uas + "/stat"));
            long busy = machineBusyTicks();
            Map<String, long[]> threads = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + gw + "/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        long[] tt = parseTicks(stat);
                        threads.put(t.getFileName().toString(), new long[] {tt[0] + tt[1]});
                        names.put(t.getFileName().toString(), name);
                    } catch (IOException gone) {
                        // the thread ended
                    }
                }
            }
            long[] drops = udpDrops(portMin, portMax, uacMedia, uasMedia);
            long relayed = ((Number) mbs.getAttribute(media, "PacketsRelayed")).longValue();
            long dropped = ((Number) mbs.getAttribute(media, "PacketsDropped")).longValue();
            int sessions = ((Number) mbs.getAttribute(media, "ActiveSessions")).intValue();
            String[] avg = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            String load = avg[0] + " " + avg[1] + " " + avg[2];
            return new Snapshot(nanos, now(), relayed, dropped, sessions, g[0], g[1], u1[0] + u1[1], u2[0] + u2[1], busy,
                drops[0], drops[1], drops[2], udpNoPorts(), load, threads, names);
        }
    }

    /** utime, stime of /proc/.../stat (fields 14 and 15, counted after the "(comm)"). */
    private static long[] ticks(Path stat) throws IOException {
        return parseTicks(Files.readString(stat));
    }

    private static long[] parseTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /** user + nice + system + irq + softirq + steal of the whole machine. */
    private static long machineBusyTicks() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            }
        }
        return 0;
    }

    /** Drop counters of UDP sockets: {gateway media range, the UAC's media port, the UAS's media port}. */
    private static long[] udpDrops(int portMin, int portMax, int uacMedia, int uasMedia) throws IOException {
        long[] out = new long[3];
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/udp")));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            long drops = Long.parseLong(f[f.length - 1]);
            if (port >= portMin && port <= portMax) {
                out[0] += drops;
            } else if (port == uacMedia) {
                out[1] += drops;
            } else if (port == uasMedia) {
                out[2] += drops;
            }
        }
        return out;
    }

    /** Udp NoPorts of /proc/net/snmp: datagrams to a port nobody listens on. */
    private static long udpNoPorts() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                String[] names = lines.get(i).split(" ");
                String[] values = lines.get(i + 1).split(" ");
                for (int k = 0; k < names.length; k++) {
                    if (names[k].equals("NoPorts")) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        }
        return 0;
    }
}
