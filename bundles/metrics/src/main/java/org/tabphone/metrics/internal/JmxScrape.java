package org.tabphone.metrics.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every readable attribute of the MBeans of one JMX domain and renders them in the
 * Prometheus text format 0.0.4, so a new MBean or attribute shows up without code here.
 * <ul>
 * <li>{@code org.tabphone:type=Calls} attribute {@code Active} becomes {@code tabphone_calls_active};
 *     the object name's other keys ({@code name=...}) become labels.</li>
 * <li>{@code long} attributes are counters (the admin MBeans' convention: cumulative counts are
 *     {@code long}, current levels {@code int}) and get {@code _total}; other numbers and booleans
 *     (0/1) are gauges.</li>
 * <li>A map of numbers is one labelled series per key; the label is named after the attribute's
 *     {@code By<X>} suffix ({@code CountByTenant}: {@code tenant}), else {@code key}. A map of text is
 *     an info series {@code {key="..",value=".."} 1} with the text cut at its first {@code ':'}.</li>
 * <li>Open-type maps (MXBean {@code TabularData}) are read like maps, composite values item by item.</li>
 * </ul>
 */
final class JmxScrape {
    private static final Logger LOG = LoggerFactory.getLogger(JmxScrape.class);
    private static final String DEFAULT_DESCRIPTION = "Attribute exposed for management";

    private final MBeanServer server;
    private final MetricsSettings settings;
    private final Map<String, MetricFamily> families = new TreeMap<>();

    private JmxScrape(MBeanServer server, MetricsSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** The scrape of the configured domain, as the endpoint serves it. */
    static String scrape(MBeanServer server, MetricsSettings settings) {
        JmxScrape scrape = new JmxScrape(server, settings);
        StringBuilder out = new StringBuilder(4096);
        try {
            for (ObjectName name : new TreeSet<>(server.queryNames(new ObjectName(settings.jmxDomain() + ":*"), null))) {
                scrape.read(name);
            }
        } catch (JMException e) {
            LOG.warn("metrics: cannot query JMX domain {}: {}", settings.jmxDomain(), e.toString());
        }
        scrape.families.values().forEach(f -> f.writeTo(out));
        return out.toString();
    }

    private void read(ObjectName name) {
        try {
            MBeanAttributeInfo[] infos = Arrays.stream(server.getMBeanInfo(name).getAttributes())
                .filter(MBeanAttributeInfo::isReadable).toArray(MBeanAttributeInfo[]::new);
            Map<String, MBeanAttributeInfo> byName = new LinkedHashMap<>();
            for (MBeanAttributeInfo info : infos) {
                byName.put(info.getName(), info);
            }
            // one call per MBean; an attribute whose getter throws is left out of the list
            for (Attribute a : server.getAttributes(name, byName.keySet().toArray(String[]::new)).asList()) {
                add(name, byName.get(a.getName()), a.getValue());
            }
        } catch (JMException | RuntimeException e) {
            LOG.debug("metrics: skipping {}: {}", name, e.toString()); // unregistered while we read it
        }
    }

    private void add(ObjectName name, MBeanAttributeInfo info, Object value) {
        String metric = settings.namePrefix() + "_" + (name.getKeyProperty("type") == null ? ""
            : MetricNames.snake(name.getKeyProperty("type")) + "_") + MetricNames.snake(info.getName());
        Map<String, String> labels = labels(name);
        String help = name.getDomain() + ":type=" + name.getKeyProperty("type") + " " + info.getName()
            + (info.getDescription() == null || info.getDescription().equals(DEFAULT_DESCRIPTION)
                || info.getDescription().equals(info.getName()) ? ""
                : ": " + info.getDescription());
        if (value instanceof Number || value instanceof Boolean) {
            boolean counter = "long".equals(info.getType()) || "java.lang.Long".equals(info.getType());
            String full = counter && !metric.endsWith("_total") ? metric + "_total" : metric;
            family(full, help, counter ? MetricFamily.Type.COUNTER : MetricFamily.Type.GAUGE)
                .add(labels, MetricNames.number(value));
        } else if (value instanceof TabularData table) { // before Map: TabularDataSupport is a Map too
            Map<Object, Object> map = new LinkedHashMap<>();
            for (Object row : table.values()) {
                CompositeData entry = (CompositeData) row;
                if (entry.containsKey("key") && entry.containsKey("value")) {
                    map.put(entry.get("key"), entry.get("value"));
                }
            }
            addEntries(metric, help, labels, MetricNames.byLabel(info.getName()), map);
        } else if (value instanceof Map<?, ?> map) {
            addEntries(metric, help, labels, MetricNames.byLabel(info.getName()), map);
        } else if (value instanceof CompositeData data) {
            Set<String> items = new TreeSet<>(data.getCompositeType().keySet());
            for (String item : items) {
                Object v = data.get(item);
                if (v instanceof Number || v instanceof Boolean) {
                    family(metric + "_" + MetricNames.snake(item), help + " " + item, MetricFamily.Type.GAUGE)
                        .add(labels, MetricNames.number(v));
                }
            }
        }
        // text, arrays and other types are not figures: left to Hawtio
    }

    private void addEntries(String metric, String help, Map<String, String> labels, String label, Map<?, ?> map) {
        Collection<? extends Map.Entry<?, ?>> entries = new TreeMap<>(stringKeys(map)).entrySet();
        for (Map.Entry<?, ?> e : entries) {
            Map<String, String> l = new LinkedHashMap<>(labels);
            l.put(label, String.valueOf(e.getKey()));
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                family(metric, help, MetricFamily.Type.GAUGE).add(l, MetricNames.number(v));
            } else if (v != null) {
                String text = v.toString();
                int colon = text.indexOf(':');
                l.put("value", (colon < 0 ? text : text.substring(0, colon)).trim());
                family(metric, help, MetricFamily.Type.GAUGE).add(l, "1");
            }
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private MetricFamily family(String metric, String help, MetricFamily.Type type) {
        return families.computeIfAbsent(metric, n -> new MetricFamily(n, help, type));
    }

    /** The object name's keys except {@code type}, sorted, as labels. */
    private static Map<String, String> labels(ObjectName name) {
        Map<String, String> labels = new LinkedHashMap<>();
        new TreeMap<>(name.getKeyPropertyList()).forEach((k, v) -> {
            if (!k.equals("type")) {
                labels.put(MetricNames.label(k), v.startsWith("\"") ? ObjectName.unquote(v) : v);
            }
        });
        return labels;
    }
}
