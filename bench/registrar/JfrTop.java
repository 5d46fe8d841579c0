import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time went, from a JFR recording: jdk.ExecutionSample events give samples per thread,
 * the top self frames (method on top of the stack) and the top inclusive methods (on the stack
 * anywhere, counted once per sample), over all threads; then GC pause time, and time threads spent
 * blocked (monitor, park, file/socket I/O events above JFR's thresholds) with where the I/O threads blocked.
 * Usage: java JfrTop.java <recording.jfr> [top N] [from to]: from/to in epoch milliseconds keep only the
 * events that started in that span (a recording that ran longer than the part of interest).
 */
public class JfrTop {
    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        long from = args.length > 3 ? Long.parseLong(args[2]) : Long.MIN_VALUE;
        long to = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        Map<String, Double> blockedMs = new HashMap<>();
        Map<String, Double> blockedWhereMs = new HashMap<>();
        double gcPauseMs = 0;
        int gcPauses = 0;
        double firstSec = Double.MAX_VALUE;
        double lastSec = 0;
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            long atMillis = e.getStartTime().toEpochMilli();
            if (atMillis < from || atMillis > to) {
                continue;
            }
            double at = atMillis / 1000.0;
            firstSec = Math.min(firstSec, at);
            lastSec = Math.max(lastSec, at);
            if (type.equals("jdk.GCPhasePause")) {
                gcPauseMs += e.getDuration().toNanos() / 1e6;
                gcPauses++;
                continue;
            }
            if (BLOCKING.contains(type) && e.getThread() != null) {
                String thread = group(e.getThread().getJavaName());
                double ms = e.getDuration().toNanos() / 1e6;
                blockedMs.merge(thread + "  " + type.substring(4), ms, Double::sum);
                if (thread.startsWith("tabphone-io")) {
                    blockedWhereMs.merge(type.substring(4) + " at " + where(e), ms, Double::sum);
                }
                continue;
            }
            if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(group(thread), 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f.getMethod());
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d execution samples (stacks truncated at JFR's default depth of 64)%n", samples);
        print("samples per thread", threads, samples, top);
        print("self (top frame)", self, samples, top);
        print("inclusive (anywhere on the stack)", inclusive, samples, top * 2);
        double span = Math.max(0.001, lastSec - firstSec);
        System.out.printf("%n== GC pauses: %d, %.0f ms in %.1f s recorded (%.1f%% of wall time)%n", gcPauses, gcPauseMs,
            span, 100 * gcPauseMs / 1000 / span);
        System.out.printf("%n== time blocked (events over their JFR threshold only: monitor enter/wait, park, file and socket I/O)%n");
        blockedMs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
            .forEach(en -> System.out.printf("%9.0f ms  %s%n", en.getValue(), en.getKey()));
        System.out.printf("%n== where the I/O threads blocked%n");
        blockedWhereMs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
            .forEach(en -> System.out.printf("%9.0f ms  %s%n", en.getValue(), en.getKey()));
    }

    private static final Set<String> BLOCKING = Set.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark",
        "jdk.FileWrite", "jdk.FileRead", "jdk.FileForce", "jdk.SocketWrite", "jdk.SocketRead", "jdk.ThreadSleep");

    private static String group(String thread) {
        return thread == null ? "?" : thread.replaceAll("\\d+", "N");
    }

    /** The first frame outside java.*, jdk.*, sun.* (the caller that blocked), or the top frame. */
    private static String where(RecordedEvent e) {
        if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            String t = f.getMethod() == null ? "" : f.getMethod().getType().getName();
            if (!t.startsWith("java.") && !t.startsWith("jdk.") && !t.startsWith("sun.")) {
                return name(f.getMethod());
            }
        }
        return name(e.getStackTrace().getFrames().get(0).getMethod());
    }

    private static String name(RecordedMethod m) {
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.printf("%n== %s%n", title);
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(top)
            .forEach(en -> System.out.printf("%6.1f%% %6d  %s%n", 100.0 * en.getValue() / total, en.getValue(), en.getKey()));
    }
}
