package org.tabphone.media.internal.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Answers ICE connectivity checks as an ICE-Lite agent (RFC 8445 §2.5, §7.3): one instance per media
 * session, holding the session's local ufrag and password.
 *
 * <p>For each STUN datagram: parse and verify FINGERPRINT ({@link StunMessageView}); drop anything
 * malformed, any response or indication, and any method other than Binding; then, as RFC 8489 §9.1.3
 * orders the short-term checks: a request without USERNAME or MESSAGE-INTEGRITY gets 400, a USERNAME
 * whose first part is not our ufrag or a wrong MESSAGE-INTEGRITY gets 401 (lite agents still check
 * integrity: RFC 8445 §7.3), both without MESSAGE-INTEGRITY. After that, unknown comprehension-required
 * attributes get 420, a missing PRIORITY 400, and ICE-CONTROLLED 487 (RFC 8445 §7.3.1.1: a lite
 * agent is always controlled and cannot switch, so the full agent must take the controlling role),
 * all signed with our password. Otherwise the answer is a Binding success response with
 * XOR-MAPPED-ADDRESS of the sender, MESSAGE-INTEGRITY and FINGERPRINT. Every response carries
 * FINGERPRINT (RFC 8445 §7.3).
 *
 * <p>Nominating (USE-CANDIDATE) and consent bookkeeping belong to the caller: after a
 * {@link Outcome#SUCCESS}, {@link #request()} still describes the request.
 *
 * <p>Threading: not thread-safe and allocation-free in steady state. Create one responder per media
 * session and call it only on the event loop that owns the session's channel; the {@code Mac} and
 * {@code CRC32} inside are reused for every packet.
 */
public final class StunBindingResponder {
    /** What {@link #onStunPacket} did. The first five wrote a response into {@code out}. */
    public enum Outcome {
        SUCCESS(true),
        BAD_REQUEST(true),
        UNAUTHORIZED(true),
        UNKNOWN_ATTRIBUTE(true),
        ROLE_CONFLICT(true),
        NOT_STUN(false),
        MALFORMED(false),
        BAD_FINGERPRINT(false),
        NOT_A_REQUEST(false),
        UNSUPPORTED_METHOD(false);

        private final boolean responded;

        Outcome(boolean responded) {
            this.responded = responded;
        }

        public boolean responded() {
            return responded;
        }
    }

    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ROLE_CONFLICT = 487;

    private static final byte[] REASON_400 = ascii("Bad Request");
    private static final byte[] REASON_401 = ascii("Unauthorized");
    private static final byte[] REASON_420 = ascii("Unknown Attribute");
    private static final byte[] REASON_487 = ascii("Role Conflict");

    private final byte[] localUfrag;
    private final StunIntegrity localPassword;
    private final StunFingerprint fingerprint = new StunFingerprint();
    private final StunMessageView request = new StunMessageView(fingerprint);
    private InetSocketAddress lastSender;
    private byte[] lastSenderAddress;

    public StunBindingResponder(String localUfrag, String localPassword) {
        if (localUfrag.isEmpty() || localUfrag.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bad ice-ufrag");
        }
        this.localUfrag = localUfrag.getBytes(StandardCharsets.UTF_8);
        this.localPassword = StunIntegrity.shortTerm(localPassword);
    }

    /**
     * Handles one datagram (the readable bytes of {@code packet}, which are not consumed) from
     * {@code sender}, a resolved address as Netty's {@code DatagramPacket} gives it. Responses are
     * appended to {@code out}; nothing is written when the outcome is a drop. Never throws on bad input.
     */
    public Outcome onStunPacket(ByteBuf packet, InetSocketAddress sender, ByteBuf out) {
        switch (request.parse(packet)) {
            case OK:
                break;
            case NOT_STUN:
                return Outcome.NOT_STUN;
            case BAD_FINGERPRINT:
                return Outcome.BAD_FINGERPRINT;
            default:
                return Outcome.MALFORMED;
        }
        if (!request.isRequest()) {
            return Outcome.NOT_A_REQUEST;
        }
        if (!request.isBindingRequest()) {
            return Outcome.UNSUPPORTED_METHOD;
        }
        if (!request.hasUsername() || !request.hasMessageIntegrity()) {
            writeError(out, BAD_REQUEST, REASON_400, false);
            return Outcome.BAD_REQUEST;
        }
        if (!request.usernameLocalPartEquals(localUfrag) || !localPassword.verify(request)) {
            writeError(out, UNAUTHORIZED, REASON_401, false);
            return Outcome.UNAUTHORIZED;
        }
        if (request.unknownAttributeCount() > 0) {
            int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_ERROR_RESPONSE, request);
            StunMessageWriter.writeErrorCode(out, start, UNKNOWN_ATTRIBUTE, REASON_420);
            StunMessageWriter.writeUnknownAttributes(out, start, request);
            StunMessageWriter.writeMessageIntegrity(out, start, localPassword);
            StunMessageWriter.writeFingerprint(out, start, fingerprint);
            return Outcome.UNKNOWN_ATTRIBUTE;
        }
        if (request.priority() == StunMessageView.NO_PRIORITY) {
            writeError(out, BAD_REQUEST, REASON_400, true);
            return Outcome.BAD_REQUEST;
        }
        if (request.iceControlled()) {
            writeError(out, ROLE_CONFLICT, REASON_487, true);
            return Outcome.ROLE_CONFLICT;
        }
        int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_SUCCESS_RESPONSE, request);
        StunMessageWriter.writeXorMappedAddress(out, start, addressOf(sender), sender.getPort());
        StunMessageWriter.writeMessageIntegrity(out, start, localPassword);
        StunMessageWriter.writeFingerprint(out, start, fingerprint);
        return Outcome.SUCCESS;
    }

    /**
     * Same for a datagram in a heap array (as {@code LegHandler} hands it over). Wraps the array in a
     * small {@code ByteBuf} view: one short-lived object per STUN packet, none per RTP packet.
     */
    public Outcome onStunPacket(byte[] datagram, int offset, int length, InetSocketAddress sender, ByteBuf out) {
        return onStunPacket(Unpooled.wrappedBuffer(datagram, offset, length), sender, out);
    }

    /** The last datagram parsed; valid while that buffer is alive. */
    public StunMessageView request() {
        return request;
    }

    private void writeError(ByteBuf out, int code, byte[] reason, boolean signed) {
        int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_ERROR_RESPONSE, request);
        StunMessageWriter.writeErrorCode(out, start, code, reason);
        if (signed) {
            StunMessageWriter.writeMessageIntegrity(out, start, localPassword);
        }
        StunMessageWriter.writeFingerprint(out, start, fingerprint);
    }

    /** The sender's address bytes, cached: {@code getAddress()} copies on every call. */
    private byte[] addressOf(InetSocketAddress sender) {
        if (!sender.equals(lastSender)) {
            InetAddress address = sender.getAddress();
            if (address == null) {
                throw new IllegalArgumentException("unresolved sender " + sender);
            }
            lastSenderAddress = address.getAddress();
            lastSender = sender;
        }
        return lastSenderAddress;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
