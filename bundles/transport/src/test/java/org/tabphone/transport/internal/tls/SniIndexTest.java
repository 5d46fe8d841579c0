package org.tabphone.transport.internal.tls;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.netty.handler.ssl.SslContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Choosing a certificate by SNI name: exact, then wildcard (RFC 6125 §6.4.3), then the default. */
class SniIndexTest {
    private static SslContext a;
    private static SslContext b;
    private static SslContext fallback;
    private static SslContext longer;

    @BeforeAll
    static void contexts() throws Exception {
        a = context(TestCertificates.valid("a.tabphone.test"));
        b = context(TestCertificates.valid("*.b.tabphone.test"));
        fallback = context(TestCertificates.valid("gateway.test"));
        longer = context(TestCertificates.valid("a.tabphone.test"));
    }

    private static SslContext context(TestCertificates.Issued i) throws Exception {
        return TlsPolicy.serverContext(i.keys().getPrivate(), new java.security.cert.X509Certificate[] {i.cert()});
    }

    private static LoadedCertificate served(String file, SslContext ctx, Instant notAfter, String... names) {
        return LoadedCertificate.usable(file, List.of(names), Instant.now().minusSeconds(60), notAfter, ctx, Instant.now());
    }

    private static SniCertificateMapping mapping(LoadedCertificate... certs) {
        SniCertificateMapping m = new SniCertificateMapping();
        m.index(SniIndex.of(List.of(certs)));
        m.fallback(fallback);
        return m;
    }

    private static final Instant MONTH = Instant.now().plus(Duration.ofDays(30));

    @Test
    void rfc6066_3_exactNameGetsItsCertificate() {
        SniCertificateMapping m = mapping(served("a.pem", a, MONTH, "a.tabphone.test"), served("b.pem", b, MONTH, "*.b.tabphone.test"));
        assertSame(a, m.map("a.tabphone.test"));
        assertSame(a, m.map("A.Tabphone.TEST."), "case and a trailing dot do not matter");
    }

    @Test
    void rfc6125_6_4_3_wildcardCoversOneLeftMostLabelOnly() {
        SniCertificateMapping m = mapping(served("b.pem", b, MONTH, "*.b.tabphone.test"));
        assertSame(b, m.map("x.b.tabphone.test"));
        assertSame(fallback, m.map("b.tabphone.test"), "the wildcard does not cover its parent");
        assertSame(fallback, m.map("y.x.b.tabphone.test"), "nor two labels");
    }

    @Test
    void exactNameWinsOverWildcard() {
        SniCertificateMapping m = mapping(served("b.pem", b, MONTH, "*.b.tabphone.test"),
            served("a.pem", a, MONTH, "a.b.tabphone.test"));
        assertSame(a, m.map("a.b.tabphone.test"));
        assertSame(b, m.map("c.b.tabphone.test"));
    }

    @Test
    void unknownOrMissingNameGetsTheDefault() {
        SniCertificateMapping m = mapping(served("a.pem", a, MONTH, "a.tabphone.test"));
        assertSame(fallback, m.map("unknown.tabphone.test"));
        assertSame(fallback, m.map(null));
        assertSame(fallback, m.map(""));
    }

    @Test
    void whenTwoFilesNameTheSameHostTheOneValidLongerWins() {
        SniCertificateMapping m = mapping(served("old.pem", a, MONTH, "a.tabphone.test"),
            served("new.pem", longer, MONTH.plus(Duration.ofDays(60)), "a.tabphone.test"));
        assertSame(longer, m.map("a.tabphone.test"));
    }

    @Test
    void certificatesNotServedAreNotIndexed() {
        LoadedCertificate expired = served("a.pem", a, Instant.now().minusSeconds(1), "a.tabphone.test");
        SniCertificateMapping m = mapping(expired, LoadedCertificate.invalid("x.pem", "garbage"));
        assertSame(fallback, m.map("a.tabphone.test"));
    }

    @Test
    void withoutDefaultAnUnknownNameGetsNothing() {
        SniCertificateMapping m = new SniCertificateMapping();
        assertNull(m.map("a.tabphone.test"));
    }
}
