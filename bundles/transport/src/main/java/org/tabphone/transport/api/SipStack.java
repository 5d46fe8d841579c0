package org.tabphone.transport.api;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;

/** The gateway's SIP element: sends requests in client transactions (RFC 3261 §17.1). Any thread. */
@ProviderType
public interface SipStack {

    ClientTransaction sendRequest(SipRequest request, SipPath path, ClientTransactionListener listener);

    /** The Via for a request we originate on {@code path}: our sent-by for its transport, {@code rport}, a fresh branch. */
    Via newVia(SipPath path);

    /**
     * A path to an address: UDP from our listener, TCP or TLS over an open or new connection. A
     * TLS peer is verified against the name in {@code destination} ({@link InetSocketAddress#getHostString()}:
     * the host name it was resolved from, else the address itself), as
     * {@link #pathTo(TransportKind, InetSocketAddress, String, boolean)} with {@code verify} true.
     */
    SipPath pathTo(TransportKind kind, InetSocketAddress destination);

    /**
     * A path to an address reached by the name {@code serverName} (RFC 5922 §4: the host of the SIP
     * URI or the trunk's configured host, before any SRV or A lookup). For {@link TransportKind#TLS} the
     * name is sent as SNI (unless it is an IP literal) and, with {@code verify}, the server's chain must
     * lead to a trusted CA and its certificate must name {@code serverName}; without {@code verify}
     * neither is checked (lab peers with self-signed certificates). Other transports ignore both.
     * Connections are reused only for the same address, name and verification.
     *
     * @since 0.3.0
     */
    default SipPath pathTo(TransportKind kind, InetSocketAddress destination, String serverName, boolean verify) {
        throw new UnsupportedOperationException("this SipStack opens no named TLS paths");
    }

    /** Live client and server transactions. */
    int transactions();

    /** A 200 answer to an OPTIONS for the gateway itself: Allow (every handled method), Accept, Supported. */
    SipResponse capabilities(SipRequest options);
}
