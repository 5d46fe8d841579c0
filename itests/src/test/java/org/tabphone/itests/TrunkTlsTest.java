package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Trunks over TLS on the wire (RFC 3261 §26, RFC 5922): a JDK SSLServerSocket on 127.0.0.1 plays the
 * provider, reached as {@code localhost}; the gateway trusts a test CA through {@code tls.trust.file}.
 * A certificate for localhost from that CA gets the REGISTER over TLS; a self-signed one, or one for
 * another name, gets nothing and the trunk says why; {@code tls.verify = false} lets the self-signed
 * lab provider have it. Certificates are made with the JDK's keytool before Karaf starts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TrunkTlsTest extends TabphoneTestSupport {
    private static final String PASSWORD = "changeit";
    private static final String[] TRUNKS = {"tls-good", "tls-self", "tls-lab", "tls-other"};

    private final List<Provider> providers = new ArrayList<>();

    @Override
    protected Option[] extraOptions() {
        File dir = TestPki.make(new File("target/tls-trunk-test"));
        return new Option[] {
            editConfigurationFilePut("etc/org.tabphone.transport.cfg", "tls.trust.file",
                new File(dir, "ca.pem").getAbsolutePath()),
            systemProperty("tabphone.test.pki").value(dir.getAbsolutePath()),
        };
    }

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    @After
    public void removeTrunksAndProviders() throws Exception {
        for (String t : TRUNKS) {
            Files.deleteIfExists(Path.of(System.getProperty("karaf.etc"), "org.tabphone.trunk-" + t + ".cfg"));
        }
        for (String t : TRUNKS) {
            awaitGone(t);
        }
        for (Provider p : providers) {
            p.close();
        }
    }

    @Test
    public void rfc5922_aCertificateForTheHostFromATrustedCaGetsTheRegisterOverTls() throws Exception {
        Provider provider = provider("good.p12");
        trunk("tls-good", provider, "");
        String reg = provider.expect("REGISTER ", 10_000);
        assertTrue(reg, reg.startsWith("REGISTER sip:localhost SIP/2.0\r\n"));
        assertTrue(reg, SipPhone.header(reg, "Via").startsWith("SIP/2.0/TLS "));
        assertTrue(reg, SipPhone.header(reg, "Contact").contains("transport=tls"));
        provider.reply(SipPhone.response(reg, 200, "OK", "p1",
            "Contact: " + SipPhone.header(reg, "Contact") + ";expires=60\r\n", null));
        awaitTrunk("tls-good", "REGISTERED");
        assertEquals(1, provider.handshakesPassed.get());
    }

    @Test
    public void aSelfSignedCertificateNotInTheTrustStoreGetsNothingAndTheTrunkSaysWhy() throws Exception {
        Provider provider = provider("self.p12");
        trunk("tls-self", provider, "");
        String status = awaitTrunk("tls-self", "certificate not trusted");
        assertTrue(status, lineOf(status, "tls-self").contains("FAILED"));
        assertNull("no REGISTER over an unverified connection", provider.poll(1000));
        assertEquals(0, provider.handshakesPassed.get());
    }

    @Test
    public void withTlsVerifyFalseTheSelfSignedLabProviderGetsTheRegister() throws Exception {
        Provider provider = provider("self.p12");
        trunk("tls-lab", provider, "tls.verify = false\n");
        String reg = provider.expect("REGISTER ", 10_000);
        assertTrue(reg, SipPhone.header(reg, "Via").startsWith("SIP/2.0/TLS "));
        provider.reply(SipPhone.response(reg, 200, "OK", "p1",
            "Contact: " + SipPhone.header(reg, "Contact") + ";expires=60\r\n", null));
        awaitTrunk("tls-lab", "REGISTERED");
    }

    @Test
    public void aCertificateForAnotherNameGetsNothingAndTheTrunkSaysWhy() throws Exception {
        Provider provider = provider("other.p12");
        trunk("tls-other", provider, "");
        String status = awaitTrunk("tls-other", "certificate does not name localhost");
        assertTrue(status, lineOf(status, "tls-other").contains("FAILED"));
        assertNull(provider.poll(1000));
        assertEquals(0, provider.handshakesPassed.get());
    }

    // --- helpers ---------------------------------------------------------------------------

    private Provider provider(String keystore) throws Exception {
        Provider p = new Provider(Path.of(System.getProperty("tabphone.test.pki"), keystore));
        providers.add(p);
        return p;
    }

    /** A global trunk in etc/, as an operator writes it (renamed into place: FileInstall never sees half a file). */
    private static void trunk(String name, Provider provider, String extra) throws IOException {
        String cfg = "name = " + name + "\ntenant = demo\nhost = localhost\nport = " + provider.port()
            + "\ntransport = tls\nusername = acme\npassword = s3cret\nregister = true\nregister.expires = 60\n" + extra;
        Path etc = Path.of(System.getProperty("karaf.etc"));
        Path tmp = Files.writeString(etc.resolve(name + ".tmp"), cfg);
        Files.move(tmp, etc.resolve("org.tabphone.trunk-" + name + ".cfg"), StandardCopyOption.ATOMIC_MOVE);
    }

    private String awaitTrunk(String name, String expected) throws Exception {
        String out = "";
        for (int i = 0; i < 150; i++) {
            out = executeCommand("tabphone:trunks");
            if (lineOf(out, name).contains(expected)) {
                return out;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("trunk " + name + " never showed '" + expected + "':\n" + out);
    }

    private void awaitGone(String name) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (lineOf(executeCommand("tabphone:trunks"), name).isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("trunk " + name + " still listed");
    }

    private static String lineOf(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElse("");
    }

    /** A SIP-over-TLS provider: one PKCS#12 certificate; what arrives is queued per message (Content-Length 0 requests). */
    private static final class Provider implements AutoCloseable {
        final AtomicInteger handshakesPassed = new AtomicInteger();
        private final SSLServerSocket server;
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private volatile Socket last;

        Provider(Path keystore) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            server = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(this::accept, "tls-provider");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread r = new Thread(() -> read(s), "tls-provider-read");
                    r.setDaemon(true);
                    r.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void read(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                ((javax.net.ssl.SSLSocket) s).startHandshake(); // throws when the gateway refuses our certificate
                handshakesPassed.incrementAndGet();
                last = s;
                StringBuilder buf = new StringBuilder();
                byte[] b = new byte[8192];
                int n;
                while ((n = in.read(b)) >= 0) {
                    buf.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    int end;
                    while ((end = buf.indexOf("\r\n\r\n")) >= 0) { // the gateway's requests here have no body
                        received.add(buf.substring(0, end + 4));
                        buf.delete(0, end + 4);
                    }
                }
            } catch (IOException e) {
                // refused handshake or closed: nothing arrives
            }
        }

        String poll(long millis) throws InterruptedException {
            return received.poll(millis, TimeUnit.MILLISECONDS);
        }

        String expect(String prefix, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < deadline) {
                String m = poll(deadline - System.currentTimeMillis());
                if (m != null && m.startsWith(prefix)) {
                    return m;
                }
            }
            throw new AssertionError("no " + prefix.trim() + " within " + millis + " ms");
        }

        void reply(String response) throws IOException {
            OutputStream out = last.getOutputStream();
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            Socket s = last;
            if (s != null) {
                s.close();
            }
        }
    }

    /**
     * The test PKI, made with keytool in the build (outside Karaf): a CA (its certificate is
     * tls.trust.file), good.p12 for localhost and other.p12 for sip.other.example issued by it, and
     * self.p12, self-signed for localhost.
     */
    static final class TestPki {
        private TestPki() {
        }

        static File make(File dir) {
            File caPem = new File(dir, "ca.pem");
            if (caPem.isFile() && System.currentTimeMillis() - caPem.lastModified() < TimeUnit.DAYS.toMillis(7)) {
                return dir;
            }
            dir.mkdirs();
            for (String f : new String[] {"ca.p12", "ca.pem", "good.p12", "other.p12", "self.p12"}) {
                new File(dir, f).delete();
            }
            String ca = path(dir, "ca.p12");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Tabphone Test Provider CA", "-ext", "bc:c", "-ext", "KeyUsage=keyCertSign,cRLSign",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", ca, "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD,
                "-file", path(dir, "ca.pem"));
            issued(dir, ca, "good", "localhost");
            issued(dir, ca, "other", "sip.other.example");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "30", "-storetype", "PKCS12", "-keystore", path(dir, "self.p12"),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
            return dir;
        }

        /** {@code name.p12}: a key for {@code dnsName}, its certificate from the CA, and the CA certificate. */
        private static void issued(File dir, String ca, String name, String dnsName) {
            String ks = path(dir, name + ".p12");
            String csr = path(dir, name + ".csr");
            String crt = path(dir, name + ".crt");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + dnsName,
                "-validity", "30", "-storetype", "PKCS12", "-keystore", ks, "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-certreq", "-alias", "server", "-keystore", ks, "-storepass", PASSWORD, "-file", csr);
            keytool("-gencert", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD, "-infile", csr, "-outfile", crt,
                "-rfc", "-ext", "SAN=dns:" + dnsName, "-validity", "30");
            keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", ks, "-storepass", PASSWORD,
                "-file", path(dir, "ca.pem"));
            keytool("-importcert", "-alias", "server", "-keystore", ks, "-storepass", PASSWORD, "-file", crt);
        }

        private static String path(File dir, String name) {
            return new File(dir, name).getAbsolutePath();
        }

        private static void keytool(String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add(System.getProperty("java.home") + "/bin/keytool");
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
                }
            } catch (IOException e) {
                throw new IllegalStateException("keytool failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
