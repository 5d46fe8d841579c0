package org.tabphone.recording.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code org.tabphone.recording}: which calls are recorded and where. Read as raw properties (see RecordingSettings). */
@ObjectClassDefinition(name = "Tabphone call recording",
    description = "Records calls matching the rules to one stereo WAV per call (left caller, right callee)")
@interface RecordingConfig {
    @AttributeDefinition(description = "Record at all (true/false); false records nothing whatever the rules say")
    boolean enabled() default false;

    @AttributeDefinition(description = "Folder of the WAV files; empty: ${karaf.data}/tabphone/recordings; relative: inside karaf.data")
    String directory() default "";

    @AttributeDefinition(description = "Comma-separated, first match decides, no match: not recorded. "
        + "<record|skip> <any | tenant NAME | user USER[@TENANT] | number NUMBER[*]>")
    String[] rules() default {"record any"};
}
