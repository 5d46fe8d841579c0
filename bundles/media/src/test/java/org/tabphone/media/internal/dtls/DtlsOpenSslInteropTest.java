package org.tabphone.media.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tabphone.media.internal.dtls.DtlsTestSupport.BROWSER;
import static org.tabphone.media.internal.dtls.DtlsTestSupport.TABPHONE;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * Our endpoint against a real OpenSSL over UDP on 127.0.0.1. Skipped when no {@code openssl} binary
 * is on the PATH. OpenSSL's {@code -keymatexport} output proves the RFC 5764 keying material.
 */
@Timeout(60)
class DtlsOpenSslInteropTest {

    private static final Pattern KEYING_MATERIAL = Pattern.compile("Keying material: ([0-9A-Fa-f]+)");

    @TempDir
    Path dir;

    private final ThreadPoolExecutor pool = DtlsTestSupport.newPool("dtls-interop");
    private final DtlsTestSupport.RecordingListener events = new DtlsTestSupport.RecordingListener();
    private DatagramSocket socket;
    private Thread reader;
    private DtlsEndpoint endpoint;

    @AfterEach
    void tearDown() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        if (socket != null) {
            socket.close();
        }
        if (reader != null) {
            reader.join(2000);
        }
        assertTrue(DtlsTestSupport.terminates(pool));
    }

    @ParameterizedTest
    @CsvSource({
        "SRTP_AES128_CM_SHA1_80, AES128_CM_HMAC_SHA1_80",
        "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80, AEAD_AES_128_GCM",
    })
    void opensslClientHandshakesWithOurServer(String opensslProfiles, SrtpProfile expected) throws Exception {
        assumeTrue(opensslAvailable(), "openssl not installed");
        AtomicReference<SocketAddress> remote = new AtomicReference<>();
        endpoint = udpEndpoint(remote);
        endpoint.start(DtlsRole.SERVER, List.of(BROWSER.fingerprint()));

        String output = run(dir, "openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
            "-use_srtp", opensslProfiles, "-cert", pem(BROWSER, "cert"), "-key", pem(BROWSER, "key"),
            "-keymatexport", SrtpKeyExporter.LABEL, "-keymatexportlen", Integer.toString(expected.keyingMaterialLength()));

        DtlsResult r = endpoint.result().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(r.isConnected(), r + "\n" + output);
        assertEquals(expected, r.profile());
        assertEquals(hex(r.keyingMaterial()), keyingMaterial(output), output);
        System.out.printf("openssl s_client -> our server: %d ms, %s, %s%n", r.handshakeTime().toMillis(), expected,
            r.cipherSuite());
    }

    @Test
    void ourClientHandshakesWithOpensslServer() throws Exception {
        assumeTrue(opensslAvailable(), "openssl not installed");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
            "-use_srtp", "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80", "-cert", pem(BROWSER, "cert"),
            "-key", pem(BROWSER, "key"), "-verify", "1", "-naccept", "1",
            "-keymatexport", SrtpKeyExporter.LABEL, "-keymatexportlen", "56")
            .directory(dir.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process server = pb.start();
        try {
            Thread.sleep(500); // let s_server bind
            AtomicReference<SocketAddress> remote = new AtomicReference<>(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            endpoint = udpEndpoint(remote);
            endpoint.start(DtlsRole.CLIENT, List.of(BROWSER.fingerprint()));
            DtlsResult r = endpoint.result().toCompletableFuture().get(15, TimeUnit.SECONDS);
            server.getOutputStream().close();
            assertTrue(server.waitFor(10, TimeUnit.SECONDS) || destroy(server));
            String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(r.isConnected(), r + "\n" + output);
            assertEquals(SrtpProfile.AEAD_AES_128_GCM, r.profile(), "first profile OpenSSL supports from our offer");
            assertTrue(r.isClient());
            assertEquals(hex(r.keyingMaterial()), keyingMaterial(output), output);
            System.out.printf("our client -> openssl s_server: %d ms, %s%n", r.handshakeTime().toMillis(),
                r.cipherSuite());
        } finally {
            destroy(server);
        }
    }

    private DtlsEndpoint udpEndpoint(AtomicReference<SocketAddress> remote) throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(100);
        DtlsEndpoint e = new DtlsEndpoint("openssl",
            DtlsEndpointConfig.builder(TABPHONE).handshakeTimeout(Duration.ofSeconds(10)).build(),
            d -> {
                try {
                    socket.send(new DatagramPacket(d, d.length, remote.get()));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, pool, events);
        reader = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException timeout) {
                    continue;
                } catch (IOException closed) {
                    return;
                }
                remote.set(p.getSocketAddress());
                e.onDatagram(Arrays.copyOf(p.getData(), p.getLength()));
            }
        }, "udp-reader");
        reader.setDaemon(true);
        reader.start();
        return e;
    }

    private String pem(DtlsCertificate cert, String what) throws IOException {
        Path file = dir.resolve(cert.subject().replace("CN=", "") + "-" + what + ".pem");
        if (!Files.exists(file)) {
            byte[] der = what.equals("cert") ? cert.encoded()
                : PrivateKeyInfoFactory.createPrivateKeyInfo(cert.privateKey()).getEncoded();
            String type = what.equals("cert") ? "CERTIFICATE" : "PRIVATE KEY";
            Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n");
        }
        return file.toString();
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not exit");
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean destroy(Process p) {
        p.destroyForcibly();
        return true;
    }

    private static String keyingMaterial(String output) {
        Matcher m = KEYING_MATERIAL.matcher(output);
        assertTrue(m.find(), "no keying material in OpenSSL output:\n" + output);
        return m.group(1).toUpperCase(Locale.ROOT);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private static boolean opensslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
