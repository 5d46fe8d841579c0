package org.tabphone.agent.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.uri.SipUri;

/**
 * One agent per factory configuration {@code org.tabphone.agent-<name>.cfg}. A bad change is
 * logged and the last good definition stays in force.
 */
@Component(service = AgentSource.class, configurationPid = "org.tabphone.agent",
           configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AgentConfig.class, factory = true)
public final class AgentConfigComponent implements AgentSource {
    private static final Logger LOG = LoggerFactory.getLogger(AgentConfigComponent.class);

    private volatile AgentDefinition current;

    @Activate
    void activate(AgentConfig config, Map<String, Object> raw) {
        try {
            current = parse(config, raw);
        } catch (IllegalArgumentException e) {
            LOG.error("agent configuration {} rejected: {}", raw.get("service.pid"), e.getMessage());
            throw e; // no last good definition: this agent stays absent
        }
    }

    @Modified
    void modified(AgentConfig config, Map<String, Object> raw) {
        try {
            current = parse(config, raw);
        } catch (IllegalArgumentException e) {
            LOG.error("agent {}: configuration change rejected, keeping the previous one: {}", current.name(),
                e.getMessage());
        }
    }

    @Override
    public AgentDefinition current() {
        return current;
    }

    static AgentDefinition parse(AgentConfig c, Map<String, Object> raw) {
        String name = required("name", c.name());
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-': " + name);
        }
        List<String> numbers = Arrays.stream(required("numbers", c.numbers()).split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
        String type = required("type", c.type());
        Optional<SipUri> uri = Optional.empty();
        if (AgentDefinition.EXTERNAL.equals(type)) {
            try {
                uri = Optional.of(SipUri.parse(required("uri", c.uri())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("uri is not a SIP URI: " + c.uri());
            }
        }
        if ("stream".equals(type)) {
            StreamEncoding.parse(c.stream_encoding()); // a bad value is refused now, not at the first call
            if (blank(raw.get("url")) && blank(raw.get("token"))) {
                throw new IllegalArgumentException("type stream needs a url (the gateway connects to the agent)"
                    + " or a token (the agent connects to the gateway)");
            }
        }
        Map<String, String> settings = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.")) {
                settings.put(k, String.valueOf(v));
            }
        });
        return new AgentDefinition(name, required("tenant", c.tenant()), numbers, type, uri, settings);
    }

    private static boolean blank(Object value) {
        return value == null || String.valueOf(value).isBlank();
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value.trim();
    }
}
