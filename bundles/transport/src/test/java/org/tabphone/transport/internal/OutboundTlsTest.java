package org.tabphone.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.internal.tls.TestCertificates;

/**
 * RFC 3261 §26.3.1 / RFC 5922 §4: sendTo(TLS) opens a client connection that checks the server's
 * chain against the trusted CAs (the JDK's plus tls.trust.file) and its certificate against the
 * name the peer was reached by; a failure fails the send with the reason, and nothing is written.
 */
class OutboundTlsTest {
    private static final String OPTIONS = "OPTIONS sip:provider SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-t1\r\n"
        + "Max-Forwards: 70\r\nTo: <sip:provider>\r\nFrom: <sip:gw@127.0.0.1>;tag=1\r\nCall-ID: tls-1\r\n"
        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    Path dir;

    private TransportComponent transport;
    private TestCertificates.Issued ca;
    private final List<TlsServer> servers = new ArrayList<>();
    private final Map<String, Object> config = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        ca = TestCertificates.ca("Provider Test CA");
        Path trust = Files.writeString(dir.resolve("providers.pem"), TestCertificates.pem(ca.cert()), StandardCharsets.US_ASCII);
        config.put("bind_address", "127.0.0.1");
        config.put("udp_port", 0);
        config.put("tcp_port", 0);
        config.put("tls_port", 0);
        config.put("ws_port", 0);
        config.put("wss_port", 0);
        config.put("tls_certificates_dir", "");
        config.put("tls_trust_file", trust.toString());
        config.put("io_threads", 1);
        transport = new TransportComponent();
        transport.activate(TestConfigs.transport(config));
    }

    @AfterEach
    void stop() throws Exception {
        transport.deactivate();
        for (TlsServer s : servers) {
            s.close();
        }
    }

    private TlsServer server(TestCertificates.Issued leaf, java.security.cert.X509Certificate... chain) throws Exception {
        TlsServer s = new TlsServer(leaf, chain);
        servers.add(s);
        return s;
    }

    /** The server's address as reached by {@code name} (no DNS: the name is carried, the address given). */
    private static InetSocketAddress named(String name, TlsServer s) throws Exception {
        return new InetSocketAddress(InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1}), s.address().getPort());
    }

    private static SipMessage options() throws Exception {
        byte[] b = OPTIONS.getBytes(StandardCharsets.UTF_8);
        return SipMessages.parse(b, 0, b.length);
    }

    private Flow send(InetSocketAddress dest, String name, boolean verify) throws Exception {
        return transport.sendTo(TransportKind.TLS, dest, name, verify, options()).toCompletableFuture().get(12, TimeUnit.SECONDS);
    }

    private String refusal(InetSocketAddress dest, String name, boolean verify) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> send(dest, name, verify));
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), e.toString());
        return e.getCause().getMessage();
    }

    @Test
    void rfc5922_aCertificateForTheNameFromATrustedCaCarriesTheMessage() throws Exception {
        TlsServer provider = server(TestCertificates.issuedBy(ca, "localhost"), ca.cert());
        Flow flow = send(named("localhost", provider), "localhost", true);
        assertEquals(TransportKind.TLS, flow.kind());
        String got = provider.poll(3000);
        assertTrue(got != null && got.startsWith("OPTIONS sip:provider SIP/2.0"), String.valueOf(got));
    }

    @Test
    void theTwoArgumentSendVerifiesAgainstTheNameTheAddressWasResolvedFrom() throws Exception {
        TlsServer provider = server(TestCertificates.issuedBy(ca, "localhost"), ca.cert());
        transport.sendTo(TransportKind.TLS, named("localhost", provider), options()).toCompletableFuture().get(12, TimeUnit.SECONDS);
        assertTrue(provider.poll(3000).startsWith("OPTIONS "));
        // an address without a name is checked against the address: a DNS-only certificate does not name it
        ExecutionException e = assertThrows(ExecutionException.class, () -> transport.sendTo(TransportKind.TLS,
            new InetSocketAddress("127.0.0.1", provider.address().getPort()), options()).toCompletableFuture().get(12, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("does not name 127.0.0.1"), e.getCause().getMessage());
    }

    @Test
    void rfc3261_18_1_1_theHandshakenConnectionIsReusedAndConcurrentSendsShareTheOneBeingOpened() throws Exception {
        TlsServer provider = server(TestCertificates.issuedBy(ca, "localhost"), ca.cert());
        InetSocketAddress dest = named("localhost", provider);
        List<CompletableFuture<Flow>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(transport.sendTo(TransportKind.TLS, dest, "localhost", true, options()).toCompletableFuture());
        }
        Flow first = sends.get(0).get(12, TimeUnit.SECONDS);
        for (CompletableFuture<Flow> s : sends) {
            assertEquals(first.id(), s.get(12, TimeUnit.SECONDS).id());
        }
        assertEquals(first.id(), send(dest, "localhost", true).id());
        assertEquals(1, provider.accepted.get(), "one connection");
        StringBuilder all = new StringBuilder();
        long deadline = System.currentTimeMillis() + 3000;
        while (count(all, "OPTIONS sip:") < 6 && System.currentTimeMillis() < deadline) {
            String part = provider.poll(200);
            if (part != null) {
                all.append(part);
            }
        }
        assertEquals(6, count(all, "OPTIONS sip:"));
    }

    @Test
    void aSelfSignedCertificateIsRefusedAndNothingIsWritten() throws Exception {
        TlsServer lab = server(TestCertificates.valid("localhost"));
        String why = refusal(named("localhost", lab), "localhost", true);
        assertTrue(why.contains("localhost") && why.contains("certificate not trusted"), why);
        assertNull(lab.poll(300));
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        TlsServer other = server(TestCertificates.issuedBy(ca, "sip.other.example"), ca.cert());
        String why = refusal(named("localhost", other), "localhost", true);
        assertTrue(why.contains("certificate does not name localhost"), why);
        assertNull(other.poll(300));
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        TlsServer expired = server(TestCertificates.issuedBy(ca, Instant.now().minus(Duration.ofDays(10)),
            Instant.now().minus(Duration.ofDays(1)), "localhost"), ca.cert());
        String why = refusal(named("localhost", expired), "localhost", true);
        assertTrue(why.contains("certificate expired"), why);
    }

    @Test
    void withoutVerificationASelfSignedServerGetsTheMessageButAVerifyingSendDoesNotReuseIt() throws Exception {
        TlsServer lab = server(TestCertificates.valid("lab.invalid"));
        InetSocketAddress dest = named("localhost", lab);
        Flow unverified = send(dest, "localhost", false);
        assertTrue(lab.poll(3000).startsWith("OPTIONS "));
        String why = refusal(dest, "localhost", true);
        assertTrue(why.contains("certificate not trusted"), why);
        assertEquals(unverified.id(), send(dest, "localhost", false).id(), "the unverified one is still reused for unverified sends");
    }

    @Test
    void aConnectionVerifiedForOneNameIsNotReusedForAnother() throws Exception {
        TlsServer provider = server(TestCertificates.issuedBy(ca, "localhost", "sip.acme.example"), ca.cert());
        InetSocketAddress dest = named("localhost", provider);
        Flow a = send(dest, "localhost", true);
        Flow b = send(dest, "sip.acme.example", true);
        assertNotEquals(a.id(), b.id());
        assertEquals(2, provider.accepted.get());
    }

    @Test
    void aCaAddedToTheTrustFileIsTrustedWithinAScanAndABrokenFileChangesNothing() throws Exception {
        config.put("tls_certificates_scan_seconds", 1);
        transport.modified(TestConfigs.transport(config), config);
        TestCertificates.Issued second = TestCertificates.ca("Second Provider CA");
        TlsServer provider = server(TestCertificates.issuedBy(second, "localhost"), second.cert());
        assertTrue(refusal(named("localhost", provider), "localhost", true).contains("certificate not trusted"));

        Path trust = dir.resolve("providers.pem");
        Files.writeString(trust, TestCertificates.pem(ca.cert()) + TestCertificates.pem(second.cert()), StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Flow flow = null;
        while (flow == null) {
            try {
                flow = send(named("localhost", provider), "localhost", true);
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the added CA was not trusted within 5 s", notYet);
                }
                Thread.sleep(200);
            }
        }
        assertTrue(provider.poll(3000).startsWith("OPTIONS "));

        Files.writeString(trust, "not a certificate", StandardCharsets.US_ASCII);
        Thread.sleep(2500); // two scans
        TlsServer another = server(TestCertificates.issuedBy(second, "sip.acme.example"), second.cert());
        send(named("sip.acme.example", another), "sip.acme.example", true);
        assertTrue(another.poll(3000).startsWith("OPTIONS "), "the broken file left the trust in force");
    }

    @Test
    void aBadTrustFileIsRejectedAndTheTrustInForceStays() throws Exception {
        TlsServer provider = server(TestCertificates.issuedBy(ca, "localhost"), ca.cert());
        config.put("tls_trust_file", dir.resolve("missing.pem").toString());
        transport.modified(TestConfigs.transport(config), config);
        send(named("localhost", provider), "localhost", true);
        assertTrue(provider.poll(3000).startsWith("OPTIONS "));
    }

    @Test
    void aBadTrustFileAtStartLeavesTheJdksCasOnly() throws Exception {
        transport.deactivate();
        config.put("tls_trust_file", dir.resolve("missing.pem").toString());
        transport = new TransportComponent();
        transport.activate(TestConfigs.transport(config));
        TlsServer provider = server(TestCertificates.issuedBy(ca, "localhost"), ca.cert());
        assertTrue(refusal(named("localhost", provider), "localhost", true).contains("certificate not trusted"));
    }

    private static int count(CharSequence s, String marker) {
        int n = 0;
        for (int i = s.toString().indexOf(marker); i >= 0; i = s.toString().indexOf(marker, i + 1)) {
            n++;
        }
        return n;
    }
}
