package org.tabphone.transport.internal.stack;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.tabphone.sip.cfg}: transaction timers (RFC 3261 §17, Table 4). A change restarts the stack. */
@ObjectClassDefinition(name = "Tabphone SIP stack", description = "Transaction timers and limits")
public @interface SipStackConfig {
    @AttributeDefinition(description = "T1, round-trip estimate (ms)")
    long timer_t1_ms() default 500;

    @AttributeDefinition(description = "T2, longest retransmit interval (ms)")
    long timer_t2_ms() default 4000;

    @AttributeDefinition(description = "T4, longest time a message stays in the network (ms)")
    long timer_t4_ms() default 5000;

    @AttributeDefinition(description = "Live transactions allowed; new requests beyond it get 503")
    int max_transactions() default 400000;
}
