package org.tabphone.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What the CDR writer is told: a call's file while it runs and after it ended, for the last calls only. */
class RecordingIndexTest {
    @Test
    void aCallsFileIsKnownWhileItRunsAndAfterwardsUntilNewerCallsPushItOut() {
        RecordingIndex index = new RecordingIndex(2);
        index.started("c1", "demo", "/r/c1.wav", Instant.EPOCH);
        assertEquals(Optional.of("/r/c1.wav"), index.pathOf("c1"));
        assertEquals(Set.of("/r/c1.wav"), index.activePaths());
        index.ended("c1", "/r/c1.wav");
        assertEquals(Optional.of("/r/c1.wav"), index.pathOf("c1"), "the CDR comes as the call ends, or later");
        assertEquals(Set.of(), index.activePaths());
        for (String c : new String[] {"c2", "c3"}) {
            index.started(c, "demo", "/r/" + c + ".wav", Instant.EPOCH);
            index.ended(c, "/r/" + c + ".wav");
        }
        assertEquals(Optional.empty(), index.pathOf("c1"), "only the last 2 ended calls are kept");
        assertEquals(Optional.of("/r/c3.wav"), index.pathOf("c3"));
    }

    @Test
    void theEndOfAnOlderFileOfTheSameCallLeavesTheNewerRunning() {
        RecordingIndex index = new RecordingIndex(10);
        index.started("c1", "demo", "/r/first.wav", Instant.EPOCH);
        index.started("c1", "demo", "/r/after-transfer.wav", Instant.EPOCH); // the call moved to a new media session
        index.ended("c1", "/r/first.wav");
        assertEquals(Set.of("/r/after-transfer.wav"), index.activePaths());
        assertEquals(Optional.of("/r/after-transfer.wav"), index.pathOf("c1"));
    }
}
