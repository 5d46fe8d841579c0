package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The media thread of a new session: the first of its parties with room on its thread, else round the threads. */
class CallerThreadsTest {
    private final EventLoopGroup group = new DefaultEventLoopGroup(2);
    private final CallerThreads threads = new CallerThreads();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    private EventLoop loopOf(String caller, String callee) {
        return threads.lease(List.of(CallerThreads.party("demo", caller), CallerThreads.party("demo", callee)),
            () -> group.next()).loop();
    }

    @Test
    void aPartyIsTheTenantAndTheUserPart_whateverHostOrParametersTheUriCarries() {
        assertEquals("demo|1002", CallerThreads.party("demo", "sip:1002@demo.tabphone.test"));
        assertEquals("demo|1002", CallerThreads.party("demo", "sip:1002@10.0.0.5:5060;transport=udp"));
        assertEquals("demo|+4930123", CallerThreads.party("demo", "tel:+4930123;phone-context=example.com"));
        assertEquals("demo|gw.example", CallerThreads.party("demo", "sip:gw.example:5060;transport=tcp"));
        assertEquals("", CallerThreads.party("demo", ""));
    }

    @Test
    void aPopularCalleeGetsItsFirstFourCallsOnItsThread_theRestGoRound() {
        EventLoop first = loopOf("sip:c0@demo", "sip:800@demo");
        for (int i = 1; i < CallerThreads.CALLS_ON_ONE_THREAD; i++) {
            assertSame(first, loopOf("sip:c" + i + "@demo", "sip:800@demo"), "call " + i + " to the agent");
        }
        EventLoop fifth = loopOf("sip:c4@demo", "sip:800@demo");
        EventLoop sixth = loopOf("sip:c5@demo", "sip:800@demo");
        assertNotSame(fifth, sixth, "beyond four, calls to one number go round the threads");
    }
}
