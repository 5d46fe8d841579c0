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
