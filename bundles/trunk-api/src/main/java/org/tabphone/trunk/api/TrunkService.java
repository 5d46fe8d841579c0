package org.tabphone.trunk.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.SipRequest;

/** The configured trunks, for the call bundle, the router and the shell. Safe from any thread; never blocks. */
@ProviderType
public interface TrunkService {

    List<TrunkInfo> trunks();

    /**
     * The admission of a new INVITE from {@code source}: empty when no trunk's provider sent it,
     * else admitted (a line is seized), held at 180, or refused.
     */
    Optional<InboundAdmission> admitInbound(InetSocketAddress source, SipRequest invite);

    /** Whether {@code source} is one of the trunks' providers. */
    boolean isProvider(InetSocketAddress source);

    /** The tenant's trunks that take {@code dialled}, best first, each with the number in E.164. */
    List<OutboundRoute> outboundRoutes(String tenant, String dialled);

    /** A line on {@code trunk} for an outbound call; empty when it is at capacity or has no driver. */
    Optional<TrunkCall> seizeOutbound(String trunk);
}
