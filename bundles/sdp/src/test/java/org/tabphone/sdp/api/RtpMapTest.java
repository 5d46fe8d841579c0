package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtpMapTest {
    @Test
    void staticTableOfRfc3551() {
        assertEquals("PCMU/8000", RtpMap.staticPayloadType(0).orElseThrow().encoding());
        assertEquals("PCMA/8000", RtpMap.staticPayloadType(8).orElseThrow().encoding());
        assertEquals("G722/8000", RtpMap.staticPayloadType(9).orElseThrow().encoding());
        assertEquals("G729/8000", RtpMap.staticPayloadType(18).orElseThrow().encoding());
        assertEquals("L16/44100/2", RtpMap.staticPayloadType(10).orElseThrow().encoding());
        assertTrue(RtpMap.staticPayloadType(0).orElseThrow().isStatic());
        assertEquals(Optional.empty(), RtpMap.staticPayloadType(2), "unassigned (was G721)");
        assertEquals(Optional.empty(), RtpMap.staticPayloadType(96));
        assertEquals(Optional.empty(), RtpMap.staticPayloadType(-1));
    }

    @Test
    void writesWhatItRead() {
        RtpMap r = RtpMap.parse("101 telephone-event/8000").orElseThrow();
        assertEquals(Attribute.of("rtpmap", "101 telephone-event/8000"), r.toAttribute());
        assertEquals(Codec.TELEPHONE_EVENT, r.codec());
        assertTrue(Codec.TELEPHONE_EVENT.matches(r));
        assertEquals("111 opus/48000/2", RtpMap.of(111, Codec.OPUS).encode());
        assertEquals("0 PCMU/8000", RtpMap.of(0, Codec.PCMU).encode());
        assertEquals("9 G722/8000/1", RtpMap.of(9, "G722", 8000, 1).encode());
        assertFalse(RtpMap.of(0, Codec.PCMU).isStatic());
        assertEquals("opus/48000/2", Codec.OPUS.toString());
    }
}
