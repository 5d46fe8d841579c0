package org.tabphone.trunk.manager.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * One trunk per factory configuration {@code org.tabphone.trunk-<name>.cfg} (or one the shell
 * created). A bad change is logged and the last good settings stay in force.
 */
@Component(service = TrunkSource.class, configurationPid = "org.tabphone.trunk",
           configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TrunkConfig.class, factory = true)
public final class TrunkConfigComponent implements TrunkSource {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkConfigComponent.class);

    private volatile TrunkSettings current;
    private volatile Runnable listener;

    @Activate
    void activate(TrunkConfig config, Map<String, Object> raw) {
        try {
            current = TrunkSettingsParser.parse(config, raw);
        } catch (IllegalArgumentException e) {
            LOG.error("trunk configuration {} rejected: {}", raw.get("service.pid"), e.getMessage());
            throw e; // no last good settings: this trunk stays absent
        }
    }

    @Modified
    void modified(TrunkConfig config, Map<String, Object> raw) {
        try {
            TrunkSettings next = TrunkSettingsParser.parse(config, raw);
            if (!next.name().equals(current.name())) {
                throw new IllegalArgumentException("a trunk cannot be renamed (" + current.name() + " → " + next.name()
                    + "); remove it and add a new one");
            }
            current = next;
        } catch (IllegalArgumentException e) {
            LOG.error("trunk {}: configuration change rejected, keeping the previous one: {}", current.name(), e.getMessage());
            return;
        }
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }

    @Override
    public TrunkSettings current() {
        return current;
    }

    @Override
    public void onChange(Runnable l) {
        listener = l;
    }
}
