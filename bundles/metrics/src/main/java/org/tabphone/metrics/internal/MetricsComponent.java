package org.tabphone.metrics.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.management.MBeanServer;
import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring: registers the scrape servlet with the OSGi HTTP Whiteboard (Pax Web, on Karaf's HTTP
 * port) at the configured path, over the MBeanServer Karaf's management registers (the platform
 * one, where the Aries whiteboard puts the {@code org.tabphone} MBeans). Follows
 * {@code org.tabphone.metrics} live: a new path re-registers the servlet.
 */
@Component(immediate = true, configurationPid = "org.tabphone.metrics")
@Designate(ocd = MetricsConfig.class)
public final class MetricsComponent {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsComponent.class);

    private final BundleContext context;
    private final MBeanServer server;
    private volatile MetricsSettings settings;
    private ServiceRegistration<Servlet> registration;   // guarded by this

    @Activate
    public MetricsComponent(BundleContext context, @Reference MBeanServer server, MetricsConfig config) {
        this.context = context;
        this.server = server;
        MetricsSettings initial;
        try {
            initial = MetricsSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.metrics rejected, using the defaults: {}", e.getMessage());
            initial = new MetricsSettings("/metrics", "org.tabphone", "tabphone");
        }
        apply(initial);
    }

    @Modified
    void modified(MetricsConfig config) {
        try {
            apply(MetricsSettings.from(config));
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.metrics rejected, keeping the previous configuration: {}", e.getMessage());
        }
    }

    private synchronized void apply(MetricsSettings next) {
        MetricsSettings previous = settings;
        settings = next;
        if (registration != null && previous.path().equals(next.path())) {
            return; // domain and prefix are read at each scrape
        }
        unregister();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", next.path());
        props.put("osgi.http.whiteboard.servlet.name", "tabphone-metrics");
        registration = context.registerService(Servlet.class,
            new MetricsServlet(() -> JmxScrape.scrape(server, settings), () -> settings.auth()), props);
        LOG.info("Prometheus metrics of JMX domain {} at {} on Karaf's HTTP port", next.jmxDomain(), next.path());
    }

    @Deactivate
    synchronized void deactivate() {
        unregister();
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }
}
