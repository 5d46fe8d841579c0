package org.tabphone.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tabphone agent speech", description = "Text to speech for agent prompts (org.tabphone.speech.cfg)")
@interface SpeechConfig {
    @AttributeDefinition(description = "The espeak-ng program (a name on PATH or a full path)")
    String espeak_command() default "espeak-ng";

    @AttributeDefinition(description = "espeak-ng voice")
    String espeak_voice() default "en-us";

    @AttributeDefinition(description = "Words per minute")
    int espeak_speed() default 150;
}
