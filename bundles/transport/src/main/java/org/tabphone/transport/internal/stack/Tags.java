package org.tabphone.transport.internal.stack;

import java.util.concurrent.ThreadLocalRandom;

/** Random tags for To/From (RFC 3261 §19.3: at least 32 bits of randomness). */
final class Tags {
    private Tags() {
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 62);
    }
}
