package org.tabphone.media.internal;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.tabphone.media.internal.dtls.DtlsCertificate;
import org.tabphone.media.internal.dtls.DtlsEndpoint;
import org.tabphone.media.internal.dtls.DtlsEndpointConfig;
import org.tabphone.media.internal.dtls.DtlsFingerprint;
import org.tabphone.media.internal.dtls.DtlsResult;
import org.tabphone.media.internal.dtls.DtlsRole;
import org.tabphone.media.internal.srtp.SrtpSession;
import org.tabphone.media.internal.stun.StunFingerprint;
import org.tabphone.media.internal.stun.StunIntegrity;
import org.tabphone.media.internal.stun.StunMessageWriter;
import org.tabphone.sdp.api.SessionDescription;

/**
 * The media side of a browser, made of the same pieces a browser has: a UDP socket, ICE checks
 * (controlling, like Chrome against a lite peer), a DTLS client or server, SRTP.
 */
final class FakeBrowser implements AutoCloseable {
    final DatagramSocket socket;
    final DtlsCertificate certificate = DtlsCertificate.generateSelfSigned();
    final String ufrag = "brws";
    final String pwd = "browserpassword1234567890";
    final BlockingQueue<byte[]> stun = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> media = new LinkedBlockingQueue<>();
    /** RTCP from the gateway (rtcp-mux), SRTCP removed; empty when it doesn't authenticate. */
    final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Thread reader;
    private volatile DtlsEndpoint dtls;
    private volatile SrtpSession srtp;
    private volatile InetSocketAddress gateway;

    FakeBrowser() throws Exception {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        reader = new Thread(this::read, "fake-browser");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    SessionDescription offer(String setup) throws Exception {
        return SessionDescription.parse("v=0\r\no=- 42 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\na=msid-semantic: WMS\r\n"
            + "m=audio " + port() + " UDP/TLS/RTP/SAVPF 111 0 8 101\r\nc=IN IP4 127.0.0.1\r\n"
            + "a=mid:0\r\na=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + pwd + "\r\n"
            + "a=fingerprint:" + certificate.fingerprint().toSdpValue() + "\r\na=setup:" + setup + "\r\n"
            + "a=rtcp-mux\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=ssrc:1234 cname:browser\r\n"
            + "a=candidate:1 1 udp 2122260223 127.0.0.1 " + port() + " typ host\r\n");
    }

    /** An ICE check with USE-CANDIDATE to the gateway's candidate; returns the response's bytes. */
    byte[] check(InetSocketAddress to, String gatewayUfrag, String gatewayPwd) throws Exception {
        gateway = to;
        ByteBuf out = Unpooled.buffer(200);
        byte[] tx = new byte[12];
        new java.security.SecureRandom().nextBytes(tx);
        StunMessageWriter.writeBindingRequest(out, tx, gatewayUfrag + ":" + ufrag, 1845501695L, true, true, 42L,
            StunIntegrity.shortTerm(gatewayPwd), new StunFingerprint());
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        socket.send(new DatagramPacket(b, b.length, to));
        return stun.poll(2, TimeUnit.SECONDS);
    }

    /** Runs DTLS toward the gateway (its fingerprint from its SDP) and keys SRTP from it. */
    CompletionStage<DtlsResult> dtls(DtlsRole role, String gatewayFingerprint) {
        DtlsEndpoint e = new DtlsEndpoint("browser", DtlsEndpointConfig.builder(certificate).build(), this::sendRaw,
            executor, (ep, r) -> {
                if (r.isConnected()) {
                    srtp = SrtpSession.fromDtlsKeyingMaterial(r.profile(), r.keyingMaterial(), r.isClient());
                }
            });
        dtls = e;
        e.start(role, List.of(DtlsFingerprint.parse(gatewayFingerprint)));
        return e.result();
    }

    boolean srtpReady() {
        return srtp != null;
    }

    void sendRtp(byte[] rtp) throws Exception {
        byte[] p = java.util.Arrays.copyOf(rtp, rtp.length + 16);
        int n = srtp.protectRtp(p, 0, rtp.length);
        socket.send(new DatagramPacket(p, n, gateway));
    }

    /** A compound RTCP packet, SRTCP-protected, to the gateway's RTP port (rtcp-mux). */
    void sendRtcp(byte[] compound, int len) throws Exception {
        byte[] p = java.util.Arrays.copyOf(compound, len + 32);
        int n = srtp.protectRtcp(p, 0, len);
        if (n < 0) {
            throw new IllegalStateException("protectRtcp: " + org.tabphone.media.internal.srtp.SrtpResult.describe(n));
        }
        socket.send(new DatagramPacket(p, n, gateway));
    }

    private void sendRaw(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, gateway));
        } catch (java.io.IOException e) {
            // the test sees the handshake fail
        }
    }

    private void read() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                socket.receive(d);
                byte[] p = java.util.Arrays.copyOf(d.getData(), d.getLength());
                int first = p[0] & 0xFF;
                if (first < 4) {
                    stun.add(p);
                } else if (first >= 20 && first <= 63) {
                    DtlsEndpoint e = dtls;
                    if (e != null) {
                        e.onDatagram(p);
                    }
                } else if (first >= 128 && first <= 191 && p.length >= 8 && (p[1] & 0xFF) >= 192
                    && (p[1] & 0xFF) <= 223) { // RFC 5761 §4
                    SrtpSession s = srtp;
                    int n = s == null ? -1 : s.unprotectRtcp(p, 0, p.length);
                    rtcp.add(n < 0 ? new byte[0] : java.util.Arrays.copyOf(p, n));
                } else if (first >= 128 && first <= 191) {
                    SrtpSession s = srtp;
                    int n = s == null ? -1 : s.unprotectRtp(p, 0, p.length);
                    media.add(n < 0 ? new byte[0] : java.util.Arrays.copyOf(p, n)); // empty: undecryptable
                }
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        if (dtls != null) {
            dtls.close();
        }
        executor.shutdownNow();
    }
}
