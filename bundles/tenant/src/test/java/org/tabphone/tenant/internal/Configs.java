package org.tabphone.tenant.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link TenantConfig} from a map (key = method name), defaults for the rest. */
final class Configs {
    private Configs() {
    }

    static TenantConfig tenant(Map<String, Object> values) {
        return (TenantConfig) Proxy.newProxyInstance(TenantConfig.class.getClassLoader(),
            new Class<?>[] {TenantConfig.class}, (proxy, method, args) -> {
                if (values.containsKey(method.getName())) {
                    return values.get(method.getName());
                }
                if (method.getName().equals("annotationType")) {
                    return TenantConfig.class;
                }
                return method.getDefaultValue();
            });
    }
}
