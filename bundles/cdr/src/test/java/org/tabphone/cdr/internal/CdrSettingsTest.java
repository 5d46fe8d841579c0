package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CdrSettingsTest {
    /** A configuration with the annotation's defaults, except {@code values} (keys as method names). */
    static CdrConfig config(Map<String, Object> values) {
        return (CdrConfig) Proxy.newProxyInstance(CdrConfig.class.getClassLoader(), new Class<?>[] {CdrConfig.class},
            (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                : method.getDefaultValue());
    }

    @Test
    void theDefaultsWriteUnderKarafDataWithAnFsyncPerRecord() {
        CdrSettings s = CdrSettings.from(config(Map.of()), Path.of("/srv/karaf/data/tabphone/cdr"));
        assertEquals(Path.of("/srv/karaf/data/tabphone/cdr"), s.directory());
        assertTrue(s.fsyncPerRecord());
        assertEquals(64L * 1024 * 1024, s.rotateBytes());
        assertEquals(0, s.retentionDays());
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        Path home = Path.of("/tmp");
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("fsync", "sometimes", "fsync_interval_ms", 0,
            "rotate_size_mb", -1, "retention_days", -7, "queue_capacity", 0).entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CdrSettings.from(config(Map.of(bad.getKey(), bad.getValue())), home));
            assertTrue(e.getMessage().startsWith(bad.getKey().replace('_', '.') + ":"), e.getMessage());
        }
    }
}
