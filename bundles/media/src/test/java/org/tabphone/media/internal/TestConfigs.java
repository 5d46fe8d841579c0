package org.tabphone.media.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Component configurations for tests: the metatype defaults, overridden by {@code values} (keys as in the .cfg). */
final class TestConfigs {
    private TestConfigs() {
    }

    static MediaConfig media(Map<String, Object> values) {
        return (MediaConfig) Proxy.newProxyInstance(MediaConfig.class.getClassLoader(), new Class<?>[] {MediaConfig.class},
            (proxy, method, args) -> {
                String key = method.getName().replace('_', '.');
                return values.containsKey(key) ? values.get(key) : method.getDefaultValue();
            });
    }
}
