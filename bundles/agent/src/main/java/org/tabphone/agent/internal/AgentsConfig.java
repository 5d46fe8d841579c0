package org.tabphone.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tabphone agents", description = "Where the gateway reaches its in-process agents (org.tabphone.agents.cfg)")
@interface AgentsConfig {
    @AttributeDefinition(description = "Address of the agents' SIP and RTP sockets; loopback keeps them off the network")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(description = "UDP port of the agents' SIP user agent; 0 picks a free one")
    int sip_port() default 0;

    @AttributeDefinition(description = "TCP port where stream agents with a token connect (ws://<stream.bind.address>:<port>/agents/<name>); 0 = none")
    int stream_port() default 8095;

    @AttributeDefinition(description = "Address that port listens on")
    String stream_bind_address() default "127.0.0.1";
}
