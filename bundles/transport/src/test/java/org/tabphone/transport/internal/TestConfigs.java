package org.tabphone.transport.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link TransportConfig} with its defaults, some keys overridden (key = method name, e.g. "udp_port"). */
final class TestConfigs {
    private TestConfigs() {
    }

    static TransportConfig transport(Map<String, Object> overrides) {
        return (TransportConfig) Proxy.newProxyInstance(TransportConfig.class.getClassLoader(),
            new Class<?>[] {TransportConfig.class}, (proxy, method, args) -> {
                if (overrides.containsKey(method.getName())) {
                    return overrides.get(method.getName());
                }
                if (method.getName().equals("annotationType")) {
                    return TransportConfig.class;
                }
                return method.getDefaultValue();
            });
    }
}
