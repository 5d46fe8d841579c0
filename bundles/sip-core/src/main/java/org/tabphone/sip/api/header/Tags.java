package org.tabphone.sip.api.header;

import java.util.concurrent.ThreadLocalRandom;

/** From/To tags (RFC 3261 §19.3: unique, at least 32 random bits). */
public final class Tags {
    private Tags() {
    }

    /** 16 hex digits, 63 random bits. */
    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 62);
    }
}
