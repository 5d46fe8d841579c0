package org.tabphone.sip.internal.transaction;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a set of roots keeps alive: walks the object graph by reflection into the project's classes
 * (and the lambdas they make) and through collections, maps and arrays, and collects the instances of
 * a type. Other JDK objects are not entered. Objects the test holds on purpose (a user recording
 * requests, a path recording what was sent) are passed as stops.
 */
final class Reachability {
    private Reachability() {
    }

    static List<Object> instancesOf(Class<?> type, Set<Object> stops, Object... roots) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(stops);
        Deque<Object> todo = new ArrayDeque<>(List.of(roots));
        List<Object> found = new ArrayList<>();
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o == null || !seen.add(o)) {
                continue;
            }
            if (type.isInstance(o)) {
                found.add(o);
            }
            if (o instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    push(todo, k);
                    push(todo, v);
                });
            } else if (o instanceof Collection<?> c) {
                c.forEach(e -> push(todo, e));
            } else if (o.getClass().isArray() && !o.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(o); i++) {
                    push(todo, Array.get(o, i));
                }
            } else if (o.getClass().getName().startsWith("org.tabphone.") && !(o instanceof Enum<?>)) {
                for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("org.tabphone."); c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            try {
                                f.setAccessible(true);
                                push(todo, f.get(o));
                            } catch (ReflectiveOperationException | RuntimeException e) {
                                throw new AssertionError("cannot read " + f, e);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static void push(Deque<Object> todo, Object o) {
        if (o != null) {
            todo.push(o);
        }
    }
}
