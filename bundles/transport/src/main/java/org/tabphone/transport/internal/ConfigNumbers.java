package org.tabphone.transport.internal;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Numbers in a configuration, checked before the component reads it: SCR's annotation proxy
 * throws a ComponentException (no key named, a stack trace) when a value is no number, so a
 * component checks here first and rejects with one line naming the key. (Bundles share no
 * utility package, so each that needs this keeps this small copy.)
 */
final class ConfigNumbers {
    private ConfigNumbers() {
    }

    /** @throws IllegalArgumentException naming the first key of {@code type} whose value is no whole number */
    static void check(Class<?> type, Map<String, ?> raw) {
        for (Method m : type.getDeclaredMethods()) {
            Class<?> t = m.getReturnType();
            String key = m.getName().replace('_', '.');
            Object v = raw.get(key);
            if ((t == int.class || t == long.class) && v instanceof String s && !s.trim().matches("-?[0-9]+")) {
                throw new IllegalArgumentException(key + " must be a whole number, not '" + s + "'");
            }
        }
    }
}
