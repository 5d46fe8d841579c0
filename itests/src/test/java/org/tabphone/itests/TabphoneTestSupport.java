package org.tabphone.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.InetSocketAddress;
import java.net.DatagramSocket;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.tabphone.cdr.api.CdrQuery;
import org.tabphone.cdr.api.CdrRecord;
import org.tabphone.cdr.api.CdrStore;

/**
 * Boots the real Tabphone assembly (karaf-assembly/target/*.tar.gz) in a forked Karaf and
 * gives tests the shell and the framework, the way Karaf's own KarafTestSupport does.
 * Every port the assembly opens is moved to a free one, so tests never clash with a
 * running gateway.
 */
public abstract class TabphoneTestSupport {

    /** Symbolic-name prefix of every Tabphone bundle. */
    protected static final String TABPHONE_BSN_PREFIX = "org.tabphone.";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        String assembly = System.getProperty("tabphone.assembly");
        File tarGz = new File(assembly == null ? "" : assembly);
        if (!tarGz.isFile()) {
            throw new IllegalStateException("Assembly not built: " + tarGz.getAbsolutePath()
                    + " (run mvn install from the project root)");
        }
        Option[] base = {
            karafDistributionConfiguration()
                .frameworkUrl(tarGz.toURI().toString())
                .name("Tabphone")
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false),
            keepRuntimeFolder(),
            logLevel(LogLevel.INFO),
            configureConsole().ignoreLocalConsole(),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
            // Karaf's HTTP port (Pax Web, for the tabphone-metrics endpoint)
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort()),
            // resolve the probe and pax-exam's own bundles from the build's local repository only
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("user.home") + "/.m2/repository")),
            systemProperty("pax.exam.osgi.unresolved.fail").value("true"),
            systemProperty("tabphone.testdata").value(new File(System.getProperty("tabphone.testdata", "../../shared/testdata"))
                .getAbsolutePath()),
        };
        base = withSipPorts(base);
        Option[] extra = extraOptions();
        Option[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /**
     * Moves the SIP listeners to free ports and tells the in-container test which, through
     * system properties (the test class is loaded again inside Karaf, so fields don't carry).
     */
    private static Option[] withSipPorts(Option[] base) {
        String udp = freeUdpPort();
        String tcp = freePort();
        String ws = freePort();
        String tls = freePort();
        String wss = freePort();
        Option[] ports = {
            replaceConfigurationFile("etc/tabphone/tls/gateway.p12", testKeystore()),
            editConfigurationFilePut("etc/org.tabphone.transport.cfg", "tls.port", tls),
            editConfigurationFilePut("etc/org.tabphone.transport.cfg", "wss.port", wss),
            systemProperty("tabphone.test.tls.port").value(tls),
            systemProperty("tabphone.test.wss.port").value(wss),
            editConfigurationFilePut("etc/org.tabphone.transport.cfg", "bind.address", "127.0.0.1"),
            editConfigurationFilePut("etc/org.tabphone.transport.cfg", "udp.port", udp),
            editConfigurationFilePut("etc/org.tabphone.transport.cfg", "tcp.port", tcp),
            editConfigurationFilePut("etc/org.tabphone.transport.cfg", "ws.port", ws),
            systemProperty("tabphone.test.udp.port").value(udp),
            systemProperty("tabphone.test.tcp.port").value(tcp),
            systemProperty("tabphone.test.ws.port").value(ws),
        };
        Option[] all = Arrays.copyOf(base, base.length + ports.length);
        System.arraycopy(ports, 0, all, base.length, ports.length);
        return all;
    }

    /** A self-signed PKCS#12 keystore (password changeit) made once per build with the JDK's keytool. */
    private static File testKeystore() {
        File ks = new File("target/test-gateway.p12");
        if (ks.isFile()) {
            return ks;
        }
        try {
            Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/keytool", "-genkeypair",
                "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=demo.tabphone.test",
                "-ext", "SAN=dns:demo.tabphone.test,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", ks.getPath(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            return ks;
        } catch (IOException e) {
            throw new IllegalStateException("keytool failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    protected static int sipPort(String transport) {
        return Integer.parseInt(System.getProperty("tabphone.test." + transport + ".port"));
    }

    /** A UDP port nobody uses right now. */
    protected static String freeUdpPort() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            return Integer.toString(s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free UDP port", e);
        }
    }

    /** Subclasses add configuration edits (ports, cfg files) here. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** A TCP port nobody listens on right now. */
    protected static String freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    protected List<Bundle> tabphoneBundles() {
        return Arrays.stream(bundleContext.getBundles())
            .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(TABPHONE_BSN_PREFIX))
            .collect(Collectors.toList());
    }

    /**
     * Before every test: the boot features are all in. Pax Exam starts a test once its probe is
     * installed, while Karaf may still be starting the last boot features (admin's commands, the
     * MBeans): up to 30 s for every Tabphone bundle to be Active, the tabphone: commands to answer
     * and the org.tabphone MBeans to be registered.
     */
    @Before
    public void awaitBootFeatures() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (tabphoneBundles().stream().allMatch(b -> b.getState() == Bundle.ACTIVE) && commandsReady()
                && mbeansReady()) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private boolean commandsReady() {
        try {
            executeCommand("tabphone:tenants");
            return true;
        } catch (Exception e) { // CommandNotFoundException until the admin bundle's commands are registered
            return false;
        }
    }

    /** Karaf's MBean server is the platform one (MetricsTest reads it the same way). */
    private static boolean mbeansReady() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.isRegistered(new ObjectName("org.tabphone:type=Transports"))
            && server.isRegistered(new ObjectName("org.tabphone:type=Calls"));
    }

    /** Runs a Karaf shell command as the admin user and returns what it printed. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("admin"));
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles"}) {
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        PrivilegedExceptionAction<Object> run = () -> {
            Session session = sessionFactory.create(System.in, print, print);
            try {
                return session.execute(command);
            } finally {
                session.close();
            }
        };
        Object result = Subject.doAs(admin, run);
        print.flush();
        String printed = out.toString(StandardCharsets.UTF_8);
        return result == null ? printed : printed + result;
    }

    /** Waits until OPTIONS over UDP gets 200: listeners open and the SIP stack bound (up to 10 s). */
    protected static void awaitSipService() throws Exception {
        String options = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-ready%d\r\n"
            + "Max-Forwards: 70\r\nTo: <sip:127.0.0.1>\r\nFrom: <sip:t@127.0.0.1>;tag=r\r\nCall-ID: ready-%d\r\n"
            + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                if (udpFinalStatus(s, String.format(options, i, i).getBytes(StandardCharsets.UTF_8)) == 200) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway never answered OPTIONS over UDP");
    }

    /** Sends one datagram; returns the first final status that comes back within 400 ms, or 0. */
    protected static int udpFinalStatus(DatagramSocket s, byte[] message) throws Exception {
        s.send(new DatagramPacket(message, message.length, new InetSocketAddress("127.0.0.1", sipPort("udp"))));
        long deadline = System.currentTimeMillis() + 400;
        byte[] buf = new byte[65536];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return 0;
            }
            s.setSoTimeout((int) left);
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return 0;
            }
            String reply = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
            int code = Integer.parseInt(reply.substring(8, 11));
            if (code >= 200) {
                return code;
            }
        }
    }

    /** The port of the first m=audio line of a SIP message's SDP ("" without one). */
    protected static String mediaPort(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("m=audio (\\d+) ").matcher(message);
        return m.find() ? m.group(1) : "";
    }

    /** The {@code n} CDRs (newest first) of tenant demo whose caller URI contains {@code caller}, waited for up to 10 s. */
    protected List<CdrRecord> records(String caller, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            ServiceReference<CdrStore> ref = bundleContext.getServiceReference(CdrStore.class);
            CdrStore store = ref == null ? null : bundleContext.getService(ref);
            List<CdrRecord> found = store == null ? List.of() : store.search(new CdrQuery("demo", caller, "", 10));
            if (found.size() == n) {
                return found;
            }
            assertFalse("records of " + caller + ": " + found, found.size() > n);
            if (System.currentTimeMillis() > deadline) {
                fail(found.size() + " CDRs for " + caller + ", not " + n);
            }
            Thread.sleep(50);
        }
    }
}
