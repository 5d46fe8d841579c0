package org.tabphone.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tabphone agent speech",
    description = "Text to speech for agent prompts, speech recognition of colleagues' names (org.tabphone.speech.cfg)")
@interface SpeechConfig {
    @AttributeDefinition(description = "The espeak-ng program (a name on PATH or a full path)")
    String espeak_command() default "espeak-ng";

    @AttributeDefinition(description = "espeak-ng voice")
    String espeak_voice() default "en-us";

    @AttributeDefinition(description = "Words per minute")
    int espeak_speed() default 150;

    @AttributeDefinition(description = "pocketsphinx_batch (Debian package pocketsphinx): recognises a colleague's name; empty = DTMF only")
    String recognizer_command() default "pocketsphinx_batch";

    @AttributeDefinition(description = "The 16 kHz acoustic model directory (Debian package pocketsphinx-en-us)")
    String recognizer_model() default "/usr/share/pocketsphinx/model/en-us/en-us";

    @AttributeDefinition(description = "The pronunciation dictionary: names not in it are not listened for")
    String recognizer_dictionary() default "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    @AttributeDefinition(description = "Longest a recognition may take before it is killed (milliseconds)")
    int recognizer_timeout_ms() default 5000;
}
