package org.tabphone.acl.internal;

import java.util.ArrayList;
import java.util.List;

import org.tabphone.acl.api.AclRule;

/** Validates the rate-limit keys of {@link AclConfig} into {@link SourceRateLimiter.Limits}. */
final class RateLimits {
    private RateLimits() {
    }

    static SourceRateLimiter.Limits from(AclConfig c) {
        int rate = c.rate_limit_per_second();
        int burst = c.rate_limit_burst();
        if (rate < 0 || rate > 1_000_000) {
            throw new IllegalArgumentException("rate.limit.per.second must be 0..1000000: " + rate);
        }
        if (rate > 0 && (burst < 1 || burst > 10_000_000)) {
            throw new IllegalArgumentException("rate.limit.burst must be 1..10000000: " + burst);
        }
        List<Cidr> exempt = new ArrayList<>();
        String text = c.rate_limit_exempt() == null ? "" : c.rate_limit_exempt();
        for (String n : text.split("[,\\s]+")) {
            if (!n.isBlank()) {
                // AclRule checks the CIDR syntax (literals only) and says what is wrong
                exempt.add(Cidr.parse(AclRule.parse("allow " + n.trim()).network()));
            }
        }
        return rate == 0 ? SourceRateLimiter.Limits.OFF : new SourceRateLimiter.Limits(rate, burst, List.copyOf(exempt));
    }
}
