package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tabphone.cdr.api.CdrRecord;

class CdrLineTest {
    private final SigningKey key = SigningKey.generate();

    @Test
    void mediaCountersRoundTripAndALineWrittenBeforeThemStillReadsWithZeros() {
        CdrRecord r = CdrTestRecords.callEnd(2);
        r = new CdrRecord(3, r.call(), r.tenant(), r.caller(), r.callee(), r.direction(), r.trunk(), "PCMU/8000",
            "PCMA/8000", r.started(), r.answered(), r.ended(), r.durationMillis(), 200, "caller",
            new CdrRecord.Rtp(1500, 3, 2), new CdrRecord.Rtp(1498, 0, 1));
        String line = CdrLine.encode(r, CdrLine.GENESIS, key);
        assertTrue(line.contains("\"callerPackets\":1500,\"callerLost\":3,\"callerJitterMs\":2,\"callerRttMs\":-1,"
            + "\"callerRemoteLost\":-1,\"calleePackets\":1498"), line);
        assertEquals(r, CdrLine.decode(line).record());

        String old = line.replaceAll(",\"caller(Packets|Lost|JitterMs)\":\\d+|,\"callee(Packets|Lost|JitterMs)\":\\d+", "");
        CdrRecord read = CdrLine.decode(old).record();
        assertEquals(CdrRecord.Rtp.NONE, read.callerRtp());
        assertEquals(r.withSeq(3).callee(), read.callee());
    }

    @Test
    void rtcpRoundTripAndRemoteLossRoundTripAndALineWrittenBeforeThemReadsMinusOne() {
        CdrRecord r = CdrTestRecords.callEnd(2);
        r = new CdrRecord(4, r.call(), r.tenant(), r.caller(), r.callee(), r.direction(), r.trunk(), "PCMU/8000",
            "PCMU/8000", r.started(), r.answered(), r.ended(), r.durationMillis(), 200, "callee",
            new CdrRecord.Rtp(1500, 3, 2, 41, 7), new CdrRecord.Rtp(1498, 0, 1, -1, -1));
        String line = CdrLine.encode(r, CdrLine.GENESIS, key);
        assertTrue(line.contains("\"callerJitterMs\":2,\"callerRttMs\":41,\"callerRemoteLost\":7,\"calleePackets\""), line);
        assertTrue(line.contains("\"calleeRttMs\":-1,\"calleeRemoteLost\":-1"), line);
        assertEquals(r, CdrLine.decode(line).record());

        String old = line.replaceAll(",\"(caller|callee)(RttMs|RemoteLost)\":-?\\d+", "");
        CdrRecord read = CdrLine.decode(old).record();
        assertEquals(new CdrRecord.Rtp(1500, 3, 2), read.callerRtp(), "a line of 0.2: no RTCP figures, -1");
        assertEquals(-1, read.callerRtp().roundTripMillis());
    }

    @Test
    void aRecordRoundTripsAndItsSignatureCoversEverythingBeforeSig() {
        CdrRecord r = CdrTestRecords.callEnd(1);
        r = new CdrRecord(7, r.call(), r.tenant(), "\"Alice\" <sip:1001@demo>", r.callee(), r.direction(), r.trunk(),
            r.callerCodec(), r.calleeCodec(), r.started(), null, r.ended(), 0, 487, "caller");
        String line = CdrLine.encode(r, CdrLine.GENESIS, key);
        assertTrue(line.startsWith("{\"seq\":7,\"call\":\"call-1\""), line);

        CdrLine.Parsed p = CdrLine.decode(line);
        assertEquals(r, p.record());
        assertEquals(CdrLine.GENESIS, p.prev());
        assertArrayEquals(line.substring(0, line.indexOf(",\"sig\":")).getBytes(StandardCharsets.UTF_8), p.signed());
        assertTrue(key.verify(p.signed(), p.signature()));
        assertFalse(SigningKey.generate().verify(p.signed(), p.signature()), "another installation's key");

        CdrLine.Parsed edited = CdrLine.decode(line.replace("\"cause\":487", "\"cause\":200"));
        assertFalse(key.verify(edited.signed(), edited.signature()));
    }
}
