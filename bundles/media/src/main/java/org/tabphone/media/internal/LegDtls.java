package org.tabphone.media.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;

import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.internal.dtls.DtlsEndpoint;
import org.tabphone.media.internal.dtls.DtlsEndpointConfig;
import org.tabphone.media.internal.dtls.DtlsFingerprint;
import org.tabphone.media.internal.dtls.DtlsResult;
import org.tabphone.media.internal.dtls.DtlsRole;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * DTLS-SRTP of one WebRTC leg (RFC 5763, RFC 5764): records from the leg's port go to the
 * endpoint, its flights go back to where the browser's records came from (or the ICE address),
 * and the exported keys become the leg's SRTP. Started once, whatever SDP retransmissions come.
 */
final class LegDtls {
    private static final Logger LOG = LoggerFactory.getLogger(LegDtls.class);

    private volatile Leg leg;
    private final DtlsEndpoint endpoint;
    private final RelayCounters counters;
    private volatile InetSocketAddress peer;
    private volatile DtlsRole role;
    private volatile List<DtlsFingerprint> remoteFingerprints;

    LegDtls(String id, DtlsEndpointConfig config, Executor handshakes, RelayCounters counters) {
        this.counters = counters;
        this.endpoint = new DtlsEndpoint(id, config, this::sendDatagram, handshakes, this::onResult);
    }

    void attach(Leg l) {
        leg = l;
    }

    /** What the SDP exchange decided; the server starts at once, the client when ICE has an address. */
    void negotiated(DtlsRole role, List<DtlsFingerprint> remoteFingerprints) {
        if (this.role == null) {
            this.role = role;
            this.remoteFingerprints = remoteFingerprints;
        }
        if (role == DtlsRole.SERVER || leg.remote != null) {
            startIfReady();
        }
    }

    /** ICE found the browser's address. */
    void iceConnected() {
        startIfReady();
    }

    private void startIfReady() {
        DtlsRole r = role;
        if (r != null && !remoteFingerprints.isEmpty()) {
            endpoint.start(r, remoteFingerprints);
        }
    }

    void onRecord(byte[] a, int off, int len, InetSocketAddress sender) {
        peer = sender;
        byte[] copy = new byte[len]; // DTLS runs on its own thread: the record must outlive the datagram
        System.arraycopy(a, off, copy, 0, len);
        endpoint.onDatagram(copy);
    }

    private void sendDatagram(byte[] datagram) {
        Leg l = leg;
        InetSocketAddress to = peer != null ? peer : l.remote;
        if (to != null) {
            l.sendRaw(Unpooled.wrappedBuffer(datagram), to);
        }
    }

    private void onResult(DtlsEndpoint e, DtlsResult result) {
        Leg l = leg;
        if (!result.isConnected()) {
            counters.dtlsFailures.increment();
            LOG.info("media {}: DTLS failed: {}", e.id(), result.failureReason());
            return;
        }
        SrtpSession srtp = SrtpSession.fromDtlsKeyingMaterial(result.profile(), result.keyingMaterial(),
            result.isClient());
        l.rtp.eventLoop().execute(() -> l.useSrtp(srtp));
        LOG.debug("media {}: DTLS done in {} ms, {}", e.id(), result.handshakeTime().toMillis(), srtp.profile());
    }

    String state() {
        return endpoint.state().name();
    }

    void close() {
        endpoint.close();
    }
}
