package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Arrays;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The tabphone-hawtio feature installs in the real assembly (its war is in the assembly's system
 * repository) and serves Hawtio's sign-in page at /hawtio on Karaf's HTTP port. Signing in and the
 * JMX tree are checked in Chromium by e2e/tests/hawtio-jmx.sh.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HawtioFeatureTest extends TabphoneTestSupport {

    @Inject
    private FeaturesService features;

    @Override
    protected Option[] extraOptions() {
        String http = freePort();
        return new Option[] {
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http),
            systemProperty("tabphone.test.http.port").value(http),
        };
    }

    private static int status(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:"
                + System.getProperty("tabphone.test.http.port") + path).openConnection();
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    public void installsAndServesTheSignInPage() throws Exception {
        executeCommand("feature:install tabphone-hawtio");
        assertTrue(features.isInstalled(features.getFeature("tabphone-hawtio")));
        Bundle hawtio = Arrays.stream(bundleContext.getBundles())
            .filter(b -> "io.hawt.hawtio-war".equals(b.getSymbolicName())).findFirst()
            .orElseThrow(() -> new AssertionError("no io.hawt.hawtio-war bundle"));
        int login = 0;
        for (int i = 0; i < 300 && login != 200; i++) { // the war extender deploys it a few seconds later
            Thread.sleep(100);
            login = status("/hawtio/auth/login");
        }
        assertEquals(Bundle.ACTIVE, hawtio.getState());
        assertEquals("sign-in page", 200, login);
        assertEquals("unauthenticated pages redirect to the sign-in page", 302, status("/hawtio/"));
        assertEquals("Jolokia needs a session", 403, status("/hawtio/jolokia/read/org.tabphone:type=Calls"));
        assertEquals("the metrics endpoint still answers", 200, status("/metrics"));
    }
}
