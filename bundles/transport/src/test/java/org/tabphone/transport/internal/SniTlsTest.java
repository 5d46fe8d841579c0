package org.tabphone.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.transport.api.TlsCertificate;
import org.tabphone.transport.internal.tls.TestCertificates;

/** TLS and WSS pick the certificate by SNI from the certificates folder, and follow the folder live. */
class SniTlsTest {
    private TransportComponent transport;
    private int tlsPort;
    private int wssPort;
    private final Map<String, Object> config = new HashMap<>();

    @TempDir
    Path keys;
    @TempDir
    Path certs;

    private TestCertificates.Issued a;

    @BeforeEach
    void start() throws Exception {
        a = TestCertificates.valid("a.tabphone.test");
        TestCertificates.writeCombined(certs, "a", a);
        TestCertificates.writePair(certs, "b", TestCertificates.valid("*.b.tabphone.test"));
        Files.writeString(certs.resolve("broken.pem"), "garbage");
        tlsPort = Peers.freeTcpPort();
        wssPort = Peers.freeTcpPort();
        config.put("bind_address", "127.0.0.1");
        config.put("udp_port", 0);
        config.put("tcp_port", 0);
        config.put("ws_port", 0);
        config.put("tls_port", tlsPort);
        config.put("wss_port", wssPort);
        config.put("tls_keystore", TestKeystores.selfSigned(keys).toString());
        config.put("tls_certificates_dir", certs.toString());
        config.put("tls_certificates_scan_seconds", 1);
        config.put("io_threads", 1);
        transport = new TransportComponent();
        transport.activate(TestConfigs.transport(config));
    }

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    private SSLSocket connect(int port, String sni, String... protocols) throws Exception {
        SSLSocket s = (SSLSocket) TestKeystores.trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters p = s.getSSLParameters();
        if (sni != null) {
            p.setServerNames(List.of(new SNIHostName(sni)));
        }
        if (protocols.length > 0) {
            p.setProtocols(protocols);
        }
        s.setSSLParameters(p);
        s.setSoTimeout(3000);
        s.startHandshake();
        return s;
    }

    private X509Certificate served(int port, String sni) throws Exception {
        try (SSLSocket s = connect(port, sni)) {
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    private static String firstName(X509Certificate c) throws Exception {
        return String.valueOf(c.getSubjectAlternativeNames().iterator().next().get(1));
    }

    @Test
    void rfc6066_3_eachNameGetsItsCertificateOnTlsAndWss() throws Exception {
        for (int port : new int[] {tlsPort, wssPort}) {
            assertEquals("a.tabphone.test", firstName(served(port, "a.tabphone.test")));
            assertEquals("*.b.tabphone.test", firstName(served(port, "phone.b.tabphone.test")));
            assertEquals("gateway.test", firstName(served(port, "unknown.tabphone.test")));
            assertEquals("gateway.test", firstName(served(port, null)));
        }
    }

    @Test
    void onlyTls12And13AreOffered() {
        assertThrows(IOException.class, () -> connect(tlsPort, "a.tabphone.test", "TLSv1.1").close());
    }

    @Test
    void aReplacedFileIsServedAtTheNextHandshakeAndOpenConnectionsStay() throws Exception {
        try (SSLSocket open = connect(tlsPort, "a.tabphone.test")) {
            TestCertificates.Issued renewed = TestCertificates.valid("a.tabphone.test");
            Path tmp = TestCertificates.writeCombined(certs, ".a.tmp", renewed);
            Files.move(tmp, certs.resolve("a.pem"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!served(tlsPort, "a.tabphone.test").getSerialNumber().equals(renewed.cert().getSerialNumber())) {
                assertTrue(System.nanoTime() < deadline, "the renewed certificate was not served within 10 s");
                Thread.sleep(200);
            }
            // the connection made before the renewal still carries SIP
            open.getOutputStream().write(TransportComponentTest.options("TLS", "z9hG4bK-r1", "r1@test")
                .getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[4096];
            int n = open.getInputStream().read(buf);
            assertTrue(new String(buf, 0, n, StandardCharsets.UTF_8).contains("r1@test"));
        }
    }

    @Test
    void theShellSeesTheDefaultAndEveryFileWithItsStatus() {
        List<TlsCertificate> list = transport.certificates();
        assertEquals(4, list.size(), list.toString());
        assertEquals("default", list.get(0).detail());
        assertEquals(List.of("a.pem", "b.crt", "broken.pem"), list.subList(1, 4).stream().map(TlsCertificate::source).toList());
        assertEquals(TlsCertificate.Status.INVALID, list.get(3).status());
    }
}
