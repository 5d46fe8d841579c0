package org.tabphone.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.junit.jupiter.api.Test;

class JmxScrapeTest {
    public interface CallsMBean {
        int getActive();

        long getAttempts();

        String getLastError();

        String[] getRules();
    }

    public interface TrunksMBean {
        Map<String, Integer> getCountByTenant();

        Map<String, String> getStatus();

        boolean isEnabled();
    }

    public interface LoadMXBean {
        Map<String, Long> getBytesByPeer();
    }

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final MetricsSettings settings = new MetricsSettings("/metrics", "org.tabphone", "tabphone");

    private void register(String name, Object bean, Class<?> type) throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        StandardMBean mbean = new StandardMBean(bean, (Class) type, type.getSimpleName().endsWith("MXBean"));
        server.registerMBean(mbean, new ObjectName(name));
    }

    private void registerCalls() throws Exception {
        register("org.tabphone:type=Calls", new CallsMBean() {
            public int getActive() { return 2; }
            public long getAttempts() { return 17; }
            public String getLastError() { return "none"; }
            public String[] getRules() { return new String[] {"a"}; }
        }, CallsMBean.class);
    }

    @Test
    void numbersAreGaugesAndLongsAreCountersWithHelpAndType() throws Exception {
        registerCalls();
        String text = JmxScrape.scrape(server, settings);
        assertEquals("""
            # HELP tabphone_calls_active org.tabphone:type=Calls Active
            # TYPE tabphone_calls_active gauge
            tabphone_calls_active 2
            # HELP tabphone_calls_attempts_total org.tabphone:type=Calls Attempts
            # TYPE tabphone_calls_attempts_total counter
            tabphone_calls_attempts_total 17
            """, text);
    }

    @Test
    void mapsAreLabelledSeriesAndNameKeysAreLabels() throws Exception {
        register("org.tabphone:type=Trunks,name=\"eu \\\"1\\\"\"", new TrunksMBean() {
            public Map<String, Integer> getCountByTenant() { return new TreeMap<>(Map.of("demo", 3, "acme", 0)); }
            public Map<String, String> getStatus() { return Map.of("pstn", "REGISTERED: until 12:00"); }
            public boolean isEnabled() { return true; }
        }, TrunksMBean.class);
        String text = JmxScrape.scrape(server, settings);
        assertTrue(text.contains("tabphone_trunks_count_by_tenant{name=\"eu \\\"1\\\"\",tenant=\"acme\"} 0\n"), text);
        assertTrue(text.contains("tabphone_trunks_count_by_tenant{name=\"eu \\\"1\\\"\",tenant=\"demo\"} 3\n"), text);
        assertTrue(text.contains("tabphone_trunks_status{name=\"eu \\\"1\\\"\",key=\"pstn\",value=\"REGISTERED\"} 1\n"), text);
        assertTrue(text.contains("# TYPE tabphone_trunks_enabled gauge\ntabphone_trunks_enabled{name=\"eu \\\"1\\\"\"} 1\n"), text);
    }

    @Test
    void mxBeanMapsAreReadLikeMaps() throws Exception {
        register("org.tabphone:type=Load", (LoadMXBean) () -> Map.of("10.0.0.1", 5L), LoadMXBean.class);
        String text = JmxScrape.scrape(server, settings);
        assertTrue(text.contains("tabphone_load_bytes_by_peer{peer=\"10.0.0.1\"} 5\n"), text);
    }

    @Test
    void otherDomainsAreLeftOutAndANewPrefixApplies() throws Exception {
        registerCalls();
        register("com.example:type=Calls", new CallsMBean() {
            public int getActive() { return 9; }
            public long getAttempts() { return 9; }
            public String getLastError() { return ""; }
            public String[] getRules() { return new String[0]; }
        }, CallsMBean.class);
        String text = JmxScrape.scrape(server, new MetricsSettings("/metrics", "org.tabphone", "gw"));
        assertTrue(text.contains("gw_calls_active 2\n"), text);
        assertFalse(text.contains(" 9\n"), text);
    }

    @Test
    void everyLineIsACommentOrASample() throws Exception {
        registerCalls();
        Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? -?[0-9.eE+-]+|NaN|[+-]Inf");
        for (String line : JmxScrape.scrape(server, settings).split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || sample.matcher(line).matches(), line);
        }
    }

    @Test
    void namesAreSnakeCase() {
        assertEquals("port_pairs_in_use", MetricNames.snake("PortPairsInUse"));
        assertEquals("dtls_failures", MetricNames.snake("DTLSFailures"));
        assertEquals("active", MetricNames.snake("Active"));
        assertEquals("tenant", MetricNames.byLabel("CountByTenant"));
        assertEquals("key", MetricNames.byLabel("Status"));
        assertEquals("key", MetricNames.byLabel("AllowedBy"));
    }

    @Test
    void settingsRejectBadValues() {
        MetricsConfig ok = config("/metrics", "org.tabphone", "tabphone");
        assertEquals("/metrics", MetricsSettings.from(ok).path());
        for (MetricsConfig bad : new MetricsConfig[] {config("metrics", "org.tabphone", "t"),
            config("/", "org.tabphone", "t"), config("/m", "org:x", "t"), config("/m", "org.tabphone", "1x")}) {
            try {
                MetricsSettings.from(bad);
                throw new AssertionError("accepted " + bad.path() + " " + bad.jmx_domain() + " " + bad.name_prefix());
            } catch (IllegalArgumentException expected) {
                // rejected
            }
        }
    }

    private static MetricsConfig config(String path, String domain, String prefix) {
        return new MetricsConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return MetricsConfig.class; }
            public String path() { return path; }
            public String jmx_domain() { return domain; }
            public String name_prefix() { return prefix; }
            public String auth_user() { return ""; }
            public String auth_password_sha256() { return ""; }
        };
    }
}
