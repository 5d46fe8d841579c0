package org.tabphone.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tabphone agent",
    description = "An agent on virtual numbers of a tenant (factory: org.tabphone.agent-<name>.cfg)")
@interface AgentConfig {
    @AttributeDefinition(description = "The agent's name: the user part of its SIP URI, shown in the shell")
    String name();

    @AttributeDefinition(description = "The tenant whose numbers it answers")
    String tenant();

    @AttributeDefinition(description = "Virtual numbers (dialled user parts), comma-separated")
    String numbers();

    @AttributeDefinition(description = "receptionist, stream, another installed agent.type, or sip (an external endpoint at uri)")
    String type() default "receptionist";

    @AttributeDefinition(description = "type=sip: the endpoint's SIP URI, e.g. sip:bot@ai.example.com;transport=tcp")
    String uri() default "";

    @AttributeDefinition(description = "type=stream: the audio frames' encoding, l16 (16-bit PCM), pcmu or pcma (G.711)")
    String stream_encoding() default "l16";
}
