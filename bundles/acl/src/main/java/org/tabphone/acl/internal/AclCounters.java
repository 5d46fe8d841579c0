package org.tabphone.acl.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.tabphone.acl.api.AclStatistics;

/** Decision counters; {@link LongAdder}s because every I/O thread counts. */
final class AclCounters {
    private final LongAdder checked = new LongAdder();
    private final LongAdder allowedByRule = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder scanners = new LongAdder();
    private final Map<String, LongAdder> deniedByScope = new ConcurrentHashMap<>();

    void checked() {
        checked.increment();
    }

    void allowedByRule() {
        allowedByRule.increment();
    }

    void denied(String scope, boolean drop) {
        (drop ? dropped : denied).increment();
        deniedByScope.computeIfAbsent(scope, s -> new LongAdder()).increment();
    }

    void scanner() {
        scanners.increment();
    }

    void throttled() {
        throttled.increment();
    }

    AclStatistics snapshot() {
        Map<String, Long> byScope = new java.util.TreeMap<>();
        deniedByScope.forEach((k, v) -> byScope.put(k, v.sum()));
        return new AclStatistics(checked.sum(), allowedByRule.sum(), denied.sum(), dropped.sum(), throttled.sum(), scanners.sum(), byScope);
    }
}
