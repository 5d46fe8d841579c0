package org.tabphone.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tabphone.media.api.CallIdentity;

/** Which calls the rules pick, how a configuration is read and refused, and where a recording goes. */
class RecordingPolicyTest {
    private static final Path DATA = Path.of("/var/tabphone/data");
    private static final CallIdentity ALICE_TO_BOB = new CallIdentity("c1", "demo", "sip:1001@demo.tabphone.test",
        "sip:1002@demo.tabphone.test");
    private static final CallIdentity TRUNK_CALL = new CallIdentity("c2", "acme", "sip:+44 20 7946 0000@pstn.example;user=phone",
        "tel:+4930123456;phone-context=+49");

    private static RecordingSettings settings(String enabled, String rules) {
        return RecordingSettings.from(Map.of("enabled", enabled, "rules", rules), DATA);
    }

    @Test
    void theFirstMatchingRuleDecidesAndNoMatchIsNotRecorded() {
        RecordingSettings s = settings("true", "skip user 1001@acme, record tenant demo, skip any");
        assertTrue(s.records(ALICE_TO_BOB), "1001 is skipped only in acme; demo is recorded");
        assertFalse(s.records(TRUNK_CALL));
        assertFalse(settings("true", "record tenant other").records(ALICE_TO_BOB), "no rule matches: not recorded");
        assertTrue(settings("true", "skip user 1003, record user 1002").records(ALICE_TO_BOB), "the callee's user matches");
        assertFalse(settings("true", "skip user 1001, record any").records(ALICE_TO_BOB), "the caller's user matches");
    }

    @Test
    void disabledRecordsNothingWhateverTheRules() {
        assertFalse(settings("false", "record any").records(ALICE_TO_BOB));
        assertFalse(RecordingSettings.from(Map.of(), DATA).records(ALICE_TO_BOB), "the default is off");
    }

    @Test
    void numbersMatchWithoutSeparatorsAndByPrefix() {
        assertTrue(settings("true", "record number +442079460000").records(TRUNK_CALL), "the caller's number, spaces ignored");
        assertTrue(settings("true", "record number +4930*").records(TRUNK_CALL), "the callee's tel: number by prefix");
        assertFalse(settings("true", "record number +4931*").records(TRUNK_CALL));
        assertFalse(settings("true", "record number +44").records(TRUNK_CALL), "without * the whole number");
        assertEquals("+442079460000", RecordingRule.userOf(TRUNK_CALL.caller()).replace(" ", ""));
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheRule() {
        assertEquals("enabled: 'yes' is not true or false",
            assertThrows(IllegalArgumentException.class, () -> settings("yes", "record any")).getMessage());
        String m = assertThrows(IllegalArgumentException.class, () -> settings("true", "record any, record everyone"))
            .getMessage();
        assertTrue(m.startsWith("rules: 'record everyone'"), m);
        for (String bad : new String[] {"keep any", "record", "record tenant", "record tenant Demo!", "record any more",
            "record number 12a", "record number *", "record user a@B C"}) {
            assertThrows(IllegalArgumentException.class, () -> RecordingRule.parse(bad), bad);
        }
    }

    @Test
    void rulesReadFromAFileStringOrAListAndWriteBackTheSame() {
        RecordingSettings s = RecordingSettings.from(Map.of("enabled", "true",
            "rules", new String[] {"record  TENANT demo", "skip number +44 20*"}), DATA);
        assertEquals(List.of("record tenant demo", "skip number +4420*"), s.policy().rules());
        assertEquals(List.of("record any"), RecordingSettings.from(Map.of(), DATA).policy().rules(), "the default rule");
    }

    @Test
    void aRecordingGoesUnderTenantAndDayNamedByTimeCallerCalleeAndCall() {
        RecordingSettings s = settings("true", "record any");
        assertEquals(DATA.resolve("tabphone/recordings/demo/2026-11-30/023015-1001-1002-c1.wav"),
            s.fileFor(ALICE_TO_BOB, Instant.parse("2026-11-30T02:30:15.500Z")));
        Path odd = s.fileFor(new CallIdentity("x-1/../..", "", "sip:../etc@h", "sip:a b@h"), Instant.EPOCH);
        assertEquals("000000-_._etc-a_b-x_1_.._...wav", odd.getFileName().toString());
        assertEquals(DATA.resolve("tabphone/recordings/_/1970-01-01"), odd.getParent(), "no way out of the directory");
        assertEquals(Path.of("/srv/rec"), RecordingSettings.from(Map.of("directory", "/srv/rec"), DATA).directory());
        assertEquals(DATA.resolve("rec"), RecordingSettings.from(Map.of("directory", "rec"), DATA).directory());
    }
}
