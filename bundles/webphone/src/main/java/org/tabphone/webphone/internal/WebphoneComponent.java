package org.tabphone.webphone.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.transport.api.StaticResources;

/**
 * Wiring only: loads the built web app from this bundle once and registers it with the
 * transport's static-file whiteboard, at {@value #PHONE_PATH} (both softphones and the landing
 * page) and at {@value #ROOT_PATH} (the landing page alone). Stopping the bundle withdraws both.
 */
@Component(immediate = true, service = {})
public final class WebphoneComponent {
    static final String PHONE_PATH = "/phone";
    static final String ROOT_PATH = "/";
    private static final Logger LOG = LoggerFactory.getLogger(WebphoneComponent.class);

    private final List<ServiceRegistration<StaticResources>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        WebFiles files = BundleWebFiles.load(context.getBundle(), "webphone");
        if (!files.contains("sipjs/index.html") || !files.contains("jssip/index.html")) {
            LOG.warn("Webphone: the bundle holds no built web app ({} files); was it built without node?", files.size());
        }
        registrations.add(context.registerService(StaticResources.class, new PhoneResources(files), path(PHONE_PATH)));
        registrations.add(context.registerService(StaticResources.class, new LandingResources(files), path(ROOT_PATH)));
        LOG.info("Webphone: {} files ({} KiB) at {}/sipjs/ and {}/jssip/, landing page at {}/ and {}",
            files.size(), files.totalBytes() / 1024, PHONE_PATH, PHONE_PATH, PHONE_PATH, ROOT_PATH);
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<StaticResources> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it while stopping the bundle
            }
        }
        registrations.clear();
    }

    private static Dictionary<String, Object> path(String prefix) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(StaticResources.PATH, prefix);
        return props;
    }
}
