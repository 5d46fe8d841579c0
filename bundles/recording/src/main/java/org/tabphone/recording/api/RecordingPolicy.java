package org.tabphone.recording.api;

import java.util.List;

/**
 * Which calls are recorded.
 *
 * @param enabled   false: no call is recorded, whatever the rules say
 * @param directory where the WAV files go ({@code <directory>/<tenant>/<yyyy-MM-dd>/...wav})
 * @param rules     in order; the first rule that matches a call decides, a call no rule matches is not
 *                  recorded. Each is {@code <record|skip> <any | tenant NAME | user USER[@TENANT] | number NUMBER[*]>}
 */
public record RecordingPolicy(boolean enabled, String directory, List<String> rules) {
    public RecordingPolicy {
        rules = List.copyOf(rules);
    }
}
