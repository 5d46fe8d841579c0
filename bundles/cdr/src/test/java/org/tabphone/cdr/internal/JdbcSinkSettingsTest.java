package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JdbcSinkSettingsTest {
    @Test
    void withoutAUrlTheSinkIsOff() {
        JdbcSinkSettings s = JdbcSinkSettings.from(CdrSettingsTest.config(Map.of()));
        assertFalse(s.enabled());
        assertEquals("cdr", s.table());
        assertEquals("", s.target());
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("jdbc_url", "jdbc:mysql://db/x",
            "jdbc_table", "cdr; DROP TABLE x", "jdbc_batch_size", 0, "jdbc_retry_max_seconds", 0).entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcSinkSettings.from(CdrSettingsTest.config(Map.of(bad.getKey(), bad.getValue()))));
            assertTrue(e.getMessage().startsWith(bad.getKey().replace('_', '.') + ":"), e.getMessage());
        }
    }

    @Test
    void thePasswordIsNeverShown() {
        JdbcSinkSettings s = JdbcSinkSettings.from(CdrSettingsTest.config(Map.of(
            "jdbc_url", "jdbc:postgresql://db.example/tabphone?password=inurl&ssl=true", "jdbc_user", "cdr",
            "jdbc_password", "s3cret", "jdbc_table", "billing.cdr")));
        assertEquals("jdbc:postgresql://db.example/tabphone?password=***&ssl=true as cdr", s.target());
        assertFalse(s.toString().contains("s3cret") || s.toString().contains("inurl"), s.toString());
        assertEquals("cdr", s.tableName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcSinkSettings.from(
            CdrSettingsTest.config(Map.of("jdbc_url", "jdbc:oracle:thin:@x?password=hidden"))));
        assertFalse(e.getMessage().contains("hidden"), e.getMessage());
    }
}
