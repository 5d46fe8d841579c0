package org.tabphone.call.internal.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tabphone.call.api.CallEvent;
import org.tabphone.call.api.CallEventListener;
import org.tabphone.transport.api.TransportKind;

class CallEventsTest {
    private static final Map<String, Object> SINK = Map.of(CallEventListener.SINK, Boolean.TRUE);

    private static CallEvent event(CallEvent.Type type, String call) {
        Instant t = Instant.parse("2026-11-29T20:00:00Z");
        return new CallEvent(type, call, "demo", "sip:a@x", "sip:b@x", t, type == CallEvent.Type.ENDED ? 200 : 0,
            type == CallEvent.Type.ENDED ? "caller" : "", t, null, "phone->phone", "", "", "");
    }

    private static List<String> names(List<CallEvent> events) {
        return events.stream().map(e -> e.type() + " " + e.call()).toList();
    }

    @Test
    void callEndsWithoutASinkAreHeldAndReplayedToTheNextSinkBeforeNewerEvents() {
        CallEvents events = new CallEvents();
        List<CallEvent> other = new ArrayList<>();
        events.add(other::add); // a plain listener does not stop the holding
        events.publish(event(CallEvent.Type.STARTED, "c1"));
        events.publish(event(CallEvent.Type.ENDED, "c1"));
        events.publish(event(CallEvent.Type.ENDED, "c2"));
        assertEquals(2, events.held());

        List<CallEvent> sink = new ArrayList<>();
        events.add(sink::add, SINK);
        events.publish(event(CallEvent.Type.ENDED, "c3"));
        assertEquals(List.of("ENDED c1", "ENDED c2", "ENDED c3"), names(sink));
        assertEquals(0, events.held());
        assertEquals(4, other.size());
    }

    @Test
    void aSinkThatLeavesMakesTheCallBundleHoldAgain() {
        CallEvents events = new CallEvents();
        List<CallEvent> first = new ArrayList<>();
        CallEventListener l = first::add;
        events.add(l, SINK);
        events.publish(event(CallEvent.Type.ENDED, "c1"));
        events.remove(l);
        events.publish(event(CallEvent.Type.ENDED, "c2"));
        List<CallEvent> second = new ArrayList<>();
        events.add(second::add, Map.of(CallEventListener.SINK, "true"));
        assertEquals(List.of("ENDED c1"), names(first));
        assertEquals(List.of("ENDED c2"), names(second));
    }

    @Test
    void atMostMaxHeldCallEndsWaitTheOldestGo() {
        CallEvents events = new CallEvents();
        for (int i = 0; i < CallEvents.MAX_HELD + 3; i++) {
            events.publish(event(CallEvent.Type.ENDED, "c" + i));
        }
        assertEquals(CallEvents.MAX_HELD, events.held());
        assertEquals(3, events.heldDropped.sum());
        List<CallEvent> sink = new ArrayList<>();
        events.add(sink::add, SINK);
        assertEquals("c3", sink.get(0).call());
    }

    @Test
    void anEndpointRungByUriIsAnAgent_otherCalleesKeepTheirKinds() {
        assertEquals("none", CallEvents.calleeKind(null));
        assertEquals("agent", CallEvents.calleeKind(
            new CalleeBranch.Endpoint(org.tabphone.sip.api.uri.SipUri.parse("sip:bot@127.0.0.1"), TransportKind.UDP)));
        assertEquals("agent", CallEvents.calleeKind(
            new CalleeBranch.Endpoint(org.tabphone.sip.api.uri.SipUri.parse("sip:bot@127.0.0.1;transport=tcp"), TransportKind.TCP)));
    }
}
