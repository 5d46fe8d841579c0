package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tabphone.cdr.api.CdrRecord;

/** The recording link: signed like every field, absent from unrecorded and older lines, which still verify. */
class CdrLineRecordingTest {
    private final SigningKey key = SigningKey.generate();

    @Test
    void aRecordedCallsLineNamesTheFileUnderTheSignature() {
        String path = "/var/rec/demo/2026-11-30/023000-1001-1002-abc.wav";
        CdrRecord r = CdrTestRecords.callEnd(4).withSeq(9).withRecording(path);
        String line = CdrLine.encode(r, CdrLine.GENESIS, key);
        assertTrue(line.contains(",\"recording\":\"" + path + "\",\"prev\":"), line);
        CdrLine.Parsed p = CdrLine.decode(line);
        assertEquals(r, p.record());
        assertTrue(key.verify(p.signed(), p.signature()));

        CdrLine.Parsed moved = CdrLine.decode(line.replace(path, "/var/rec/other.wav"));
        assertFalse(key.verify(moved.signed(), moved.signature()), "pointing the record at another file breaks it");
    }

    @Test
    void anUnrecordedCallsLineHasNoRecordingFieldAndOldLinesReadAsUnrecorded() {
        CdrRecord r = CdrTestRecords.callEnd(5).withSeq(10);
        String line = CdrLine.encode(r, CdrLine.GENESIS, key);
        assertFalse(line.contains("recording"), line);
        CdrLine.Parsed p = CdrLine.decode(line);
        assertEquals("", p.record().recording());
        assertTrue(key.verify(p.signed(), p.signature()), "a line like those written before the field existed verifies");
    }

    @Test
    void theFirstLocatorThatKnowsTheCallWinsAndAFailingOneIsSkipped() {
        RecordingLocators locators = new RecordingLocators();
        assertEquals("", locators.recordingOf("c1"), "no recording service: no link");
        locators.add(call -> { throw new IllegalStateException("broken"); });
        locators.add(call -> Optional.empty());
        locators.add(call -> call.equals("c1") ? Optional.of("/r/c1.wav") : Optional.empty());
        assertEquals("/r/c1.wav", locators.recordingOf("c1"));
        assertEquals("", locators.recordingOf("c2"));
    }
}
