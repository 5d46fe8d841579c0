package org.tabphone.acl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tabphone.acl.api.AclRule;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.SipRequestFilter.Verdict;
import org.tabphone.transport.api.TransportKind;

/** Rules applied to requests as the SIP stack asks: global first, then the tenant's, first match wins. */
class AclFilterTest {
    private AclPolicy policy = AclPolicy.EMPTY;
    private final AclCounters counters = new AclCounters();
    private final SourceRateLimiter limiter = new SourceRateLimiter(System::nanoTime);
    private final AclFilter filter = new AclFilter(() -> policy, directory(Map.of("a.test", "a", "b.test", "b")), counters,
        limiter);

    static TenantDirectory directory(Map<String, String> tenantByDomain) {
        return new TenantDirectory() {
            @Override
            public Optional<Tenant> byDomain(String domain) {
                return Optional.ofNullable(tenantByDomain.get(domain)).map(AclFilterTest::tenant);
            }

            @Override
            public Optional<Tenant> byName(String name) {
                return Optional.of(tenant(name));
            }

            @Override
            public List<Tenant> tenants() {
                return List.of();
            }
        };
    }

    static Tenant tenant(String name) {
        return (Tenant) Proxy.newProxyInstance(Tenant.class.getClassLoader(), new Class<?>[] {Tenant.class},
            (p, m, args) -> m.getName().equals("name") ? name : null);
    }

    static Flow flow(TransportKind kind, String ip) {
        return flow(kind, ip, null);
    }

    static Flow flow(TransportKind kind, String ip, String forwardedFor) {
        InetSocketAddress remote = new InetSocketAddress(ip, 5062);
        return new Flow() {
            public Optional<String> forwardedFor() {
                return Optional.ofNullable(forwardedFor);
            }

            public FlowId id() {
                return new FlowId(1);
            }

            public TransportKind kind() {
                return kind;
            }

            public InetSocketAddress remote() {
                return remote;
            }

            public InetSocketAddress local() {
                return new InetSocketAddress("127.0.0.1", 5060);
            }

            public boolean isOpen() {
                return true;
            }

            public boolean isReliable() {
                return kind.isStream();
            }

            public void send(SipMessage message, SendFailureListener listener) {
            }
        };
    }

    static SipRequest request(String method, String domain, String toTag) {
        return request(method, domain, toTag, "");
    }

    static SipRequest request(String method, String domain, String toTag, String extraHeaders) {
        String text = method + " sip:" + (method.equals("REGISTER") ? "" : "1001@") + domain + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 198.51.100.2:5062;branch=z9hG4bK-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:1001@" + domain + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
            + "From: <sip:1002@" + domain + ">;tag=f1\r\n"
            + "Call-ID: acl-1\r\n"
            + "CSeq: 1 " + method + "\r\n"
            + extraHeaders
            + "Content-Length: 0\r\n\r\n";
        try {
            return (SipRequest) SipMessages.parse(text.getBytes(StandardCharsets.UTF_8), 0, text.length());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void rules(String global, Map<String, String> tenants) {
        policy = AclPolicy.EMPTY.withGlobal(AclRules.parse(global));
        java.util.Map<String, List<AclRule>> t = new java.util.HashMap<>();
        tenants.forEach((k, v) -> t.put(k, AclRules.parse(v)));
        policy = policy.withTenants(t);
    }

    @Test
    void withoutRulesEverythingPasses() {
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "a.test", null), flow(TransportKind.UDP, "198.51.100.2")));
    }

    @Test
    void aDeniedSourceGets403OnEveryTransportAndOthersPass() {
        rules("", Map.of("a", "deny 198.51.100.0/24"));
        for (TransportKind k : TransportKind.values()) {
            assertEquals(403, filter.check(request("REGISTER", "a.test", null), flow(k, "198.51.100.2")).status(), k.name());
            assertEquals(403, filter.check(request("INVITE", "a.test", null), flow(k, "198.51.100.2")).status(), k.name());
        }
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "a.test", null), flow(TransportKind.UDP, "198.51.101.2")));
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "b.test", null), flow(TransportKind.UDP, "198.51.100.2")),
            "tenant b has no rules");
        assertEquals(10, counters.snapshot().denied());
        assertEquals(Map.of("a", 10L), counters.snapshot().deniedByScope());
    }

    @Test
    void firstMatchWinsAndGlobalRulesComeFirst() {
        rules("deny 198.51.100.9", Map.of("a", "allow 198.51.100.2, deny 198.51.100.0/24"));
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "a.test", null), flow(TransportKind.TCP, "198.51.100.2")));
        assertEquals(403, filter.check(request("REGISTER", "a.test", null), flow(TransportKind.TCP, "198.51.100.3")).status());
        assertEquals(403, filter.check(request("REGISTER", "b.test", null), flow(TransportKind.TCP, "198.51.100.9")).status(),
            "global rules apply to every tenant");
        assertEquals(1, counters.snapshot().allowedByRule());
    }

    @Test
    void methodAndTransportNarrowARule() {
        rules("", Map.of("a", "deny 198.51.100.0/24 INVITE ws"));
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "a.test", null), flow(TransportKind.WS, "198.51.100.2")));
        assertSame(Verdict.PASS, filter.check(request("INVITE", "a.test", null), flow(TransportKind.UDP, "198.51.100.2")));
        assertEquals(403, filter.check(request("INVITE", "a.test", null), flow(TransportKind.WS, "198.51.100.2")).status());
    }

    @Test
    void inDialogRequestsAndOtherMethodsAreNotChecked() {
        rules("deny any", Map.of());
        assertSame(Verdict.PASS, filter.check(request("INVITE", "a.test", "t1"), flow(TransportKind.UDP, "198.51.100.2")));
        assertSame(Verdict.PASS, filter.check(request("OPTIONS", "a.test", null), flow(TransportKind.UDP, "198.51.100.2")));
        assertEquals(403, filter.check(request("INVITE", "unknown.test", null), flow(TransportKind.UDP, "198.51.100.2")).status(),
            "global rules apply without a tenant too");
    }

    @Test
    void udpDenialsCanBeSilent() {
        rules("deny 198.51.100.0/24", Map.of());
        filter.dropUdp(true);
        assertSame(Verdict.DROP, filter.check(request("REGISTER", "a.test", null), flow(TransportKind.UDP, "198.51.100.2")));
        assertEquals(403, filter.check(request("REGISTER", "a.test", null), flow(TransportKind.TCP, "198.51.100.2")).status(),
            "a stream peer always gets its answer");
        assertEquals(1, counters.snapshot().dropped());
    }

    @Test
    void scannersAreDroppedWhateverTheMethod() {
        filter.scanners(ScannerAgents.parse("friendly-scanner, sipcli"));
        assertSame(Verdict.DROP, filter.check(request("OPTIONS", "a.test", null, "User-Agent: Friendly-Scanner\r\n"),
            flow(TransportKind.UDP, "198.51.100.2")));
        assertSame(Verdict.DROP, filter.check(request("REGISTER", "a.test", null, "User-Agent: sipcli/v1.8\r\n"),
            flow(TransportKind.TCP, "198.51.100.2")));
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "a.test", null, "User-Agent: JsSIP 3.13.8\r\n"),
            flow(TransportKind.WSS, "198.51.100.2")));
        assertEquals(2, counters.snapshot().scanners());
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsJudged() {
        rules("deny 198.51.100.2", Map.of());
        filter.clients(ClientAddress.trusting("127.0.0.1, 10.0.0.0/8"));
        assertEquals(403, filter.check(request("REGISTER", "a.test", null),
            flow(TransportKind.WSS, "127.0.0.1", "198.51.100.2, 10.1.2.3")).status(), "client behind two trusted proxies");
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "a.test", null),
            flow(TransportKind.WSS, "127.0.0.1", "198.51.100.2, 198.51.100.7")), "the right-most untrusted hop is the client");
        assertSame(Verdict.PASS, filter.check(request("REGISTER", "a.test", null),
            flow(TransportKind.WSS, "192.0.2.9", "198.51.100.2")), "an untrusted peer cannot name its own address");
    }

    @Test
    void aTrunkProviderIsNeverThrottledWhileAnyOtherSourceIs() {
        limiter.limits(new SourceRateLimiter.Limits(1, 1, List.of()));
        filter.unthrottled(source -> source.getAddress().getHostAddress().equals("203.0.113.5"));
        for (int i = 0; i < 5; i++) {
            assertSame(Verdict.PASS, filter.check(request("OPTIONS", "a.test", null), flow(TransportKind.UDP, "203.0.113.5")),
                "the provider's request " + i);
        }
        assertSame(Verdict.PASS, filter.check(request("OPTIONS", "a.test", null), flow(TransportKind.UDP, "198.51.100.2")));
        assertEquals(503, filter.check(request("OPTIONS", "a.test", null), flow(TransportKind.UDP, "198.51.100.2")).status(),
            "any other source over its limit");
    }
}
