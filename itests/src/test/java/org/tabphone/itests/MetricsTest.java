package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The Prometheus endpoint (boot feature tabphone-metrics) in the real assembly: scraped over HTTP
 * on Karaf's HTTP port, in the text format 0.0.4, with the figures the org.tabphone MBeans give,
 * and following org.tabphone.metrics live.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsTest extends TabphoneTestSupport {
    private static final Pattern SAMPLE = Pattern.compile(
        "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\",?)*\\})? -?[0-9.eE+-]+|NaN|[+-]Inf");

    @Override
    protected Option[] extraOptions() {
        String http = freePort();
        return new Option[] {
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http),
            systemProperty("tabphone.test.http.port").value(http),
        };
    }

    private record Response(int status, String contentType, String body) {
    }

    private static Response get(String path) throws IOException {
        URL url = new URL("http://127.0.0.1:" + System.getProperty("tabphone.test.http.port") + path);
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try {
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, c.getContentType(), body);
        } finally {
            c.disconnect();
        }
    }

    /** GETs path until it answers the status (the whiteboard registers servlets a moment after boot). */
    private static Response await(String path, int status) throws Exception {
        Response r = null;
        for (int i = 0; i < 100; i++) {
            try {
                r = get(path);
                if (r.status() == status) {
                    return r;
                }
            } catch (IOException notListeningYet) {
                // Jetty still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never answered " + status + ", last: " + (r == null ? "no connection" : r.status()));
    }

    private static long value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertTrue(series + " missing from:\n" + text, m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    public void scrapeIsPrometheusTextWithTheMBeanFigures() throws Exception {
        Response r = await("/metrics", 200);
        assertTrue(r.contentType(), r.contentType().startsWith("text/plain; version=0.0.4"));
        String text = r.body();
        String family = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                family = line.split(" ")[2];
            } else if (line.startsWith("# TYPE ")) {
                assertEquals("TYPE right after HELP: " + line, family, line.split(" ")[2]);
                assertTrue(line, line.endsWith(" gauge") || line.endsWith(" counter"));
            } else {
                assertTrue("not a sample: " + line, SAMPLE.matcher(line).matches());
                assertTrue("sample outside its family: " + line, line.startsWith(family));
            }
        }
        assertTrue(text, text.contains("# TYPE tabphone_calls_active gauge\n"));
        assertTrue(text, text.contains("# TYPE tabphone_calls_attempts_total counter\n"));
        assertTrue(text, text.contains("tabphone_registrations_count_by_tenant{tenant=\"demo\"} "));
        Object free = ManagementFactory.getPlatformMBeanServer()
            .getAttribute(new ObjectName("org.tabphone:type=Media"), "PortPairsFree");
        assertEquals(((Number) free).longValue(), value(text, "tabphone_media_port_pairs_free"));
    }

    @Test
    public void countersMoveWithTraffic() throws Exception {
        long before = value(await("/metrics", 200).body(), "tabphone_transports_messages_received_total");
        awaitSipService(); // OPTIONS over UDP until a 200 comes back
        long after = value(get("/metrics").body(), "tabphone_transports_messages_received_total");
        assertTrue(before + " → " + after, after > before);
    }

    @Test
    public void pathFollowsTheConfigurationLiveAndABadOneIsRejected() throws Exception {
        await("/metrics", 200);
        try {
            executeCommand("config:property-set -p org.tabphone.metrics path /prom");
            assertTrue(await("/prom", 200).body().contains("tabphone_calls_active "));
            assertEquals(404, await("/metrics", 404).status());
            executeCommand("config:property-set -p org.tabphone.metrics path no-slash");
            Thread.sleep(1000);
            assertEquals("a bad path keeps the last good one", 200, get("/prom").status());
        } finally {
            executeCommand("config:delete org.tabphone.metrics");
        }
        await("/metrics", 200);
    }
}
