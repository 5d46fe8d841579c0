package org.tabphone.recording.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The policy's Config Admin configuration as the shell changes it: validated like the component
 * validates it, stored with the rules as one comma-separated string (so FileInstall writes
 * {@code etc/org.tabphone.recording.cfg} back readable), applied live by the component.
 */
public final class PolicyConfiguration {
    private final Configuration configuration;
    private final Dictionary<String, Object> props;

    private PolicyConfiguration(Configuration c) {
        this.configuration = c;
        Dictionary<String, Object> p = c.getProperties(); // a private copy
        this.props = p == null ? new Hashtable<>() : p;
    }

    public static PolicyConfiguration of(ConfigurationAdmin cm) throws IOException {
        return new PolicyConfiguration(cm.getConfiguration(RecordingSettings.PID, "?"));
    }

    /** The rules as stored (the default when none are). */
    public List<String> rules() {
        return RecordingSettings.rules(props.get("rules")).stream().map(RecordingRule::text).toList();
    }

    /** {@code enabled=true}, {@code directory=/srv/rec}, {@code rules=record tenant demo, skip any}. */
    public void set(String key, String value) {
        switch (key) {
            case "enabled" -> {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("enabled: '" + value + "' is not true or false");
                }
                props.put(key, v);
            }
            case "directory" -> props.put(key, value.trim());
            case "rules" -> setRules(RecordingSettings.rules(value).stream().map(RecordingRule::text).toList());
            default -> throw new IllegalArgumentException("unknown key '" + key + "'; keys: enabled, directory, rules");
        }
    }

    /** Adds {@code rule} at {@code position} (1 = first; past the end or 0: last). */
    public String addRule(String rule, int position) {
        RecordingRule r = RecordingRule.parse(rule);
        List<String> rules = new ArrayList<>(rules());
        int at = position <= 0 || position > rules.size() ? rules.size() : position - 1;
        rules.add(at, r.text());
        setRules(rules);
        return r.text();
    }

    /** Removes rule number {@code n} (1 = first); returns it. */
    public String removeRule(int n) {
        List<String> rules = new ArrayList<>(rules());
        if (n < 1 || n > rules.size()) {
            throw new IllegalArgumentException("no rule " + n + "; there are " + rules.size());
        }
        String gone = rules.remove(n - 1);
        setRules(rules);
        return gone;
    }

    private void setRules(List<String> rules) {
        props.put("rules", String.join(", ", rules));
    }

    /** Stores the change: FileInstall writes the .cfg back, the component applies it to new calls. */
    public void save() throws IOException {
        configuration.update(props);
    }
}
