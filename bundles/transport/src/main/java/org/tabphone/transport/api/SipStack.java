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

    /** A path to an address: UDP from our listener, TCP over an open or new connection. */
    SipPath pathTo(TransportKind kind, InetSocketAddress destination);

    /** Live client and server transactions. */
    int transactions();

    /** A 200 answer to an OPTIONS for the gateway itself: Allow (every handled method), Accept, Supported. */
    SipResponse capabilities(SipRequest options);
}
