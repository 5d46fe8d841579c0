package org.tabphone.media.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.tabphone.media.internal.stun.StunBindingResponder;

/**
 * The ICE-Lite side of one WebRTC leg (RFC 8445 §2.5): our ufrag/pwd, binding requests answered,
 * and the browser's address taken from the check it nominates (USE-CANDIDATE) — or from the
 * first valid check, so media can start before nomination. Consent freshness (RFC 7675) is the
 * browser's: it keeps sending checks, which keep being answered. Event-loop confined.
 */
final class IceLite {
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    final String ufrag;
    final String pwd;
    private final StunBindingResponder responder;
    private boolean nominated;
    /** Runs once the browser's address is known (starts DTLS when we are the client). */
    private final Runnable onConnected;

    IceLite(Runnable onConnected) {
        this(random(8), random(24), onConnected);
    }

    IceLite(String ufrag, String pwd, Runnable onConnected) {
        this.ufrag = ufrag;
        this.pwd = pwd;
        this.responder = new StunBindingResponder(ufrag, pwd);
        this.onConnected = onConnected;
    }

    /** A STUN datagram arrived on the leg's port: answer it, and learn the browser's address from a valid check. */
    void onStun(Leg leg, byte[] a, int off, int len, InetSocketAddress sender, ByteBufAllocator alloc) {
        ByteBuf out = alloc.heapBuffer(128);
        StunBindingResponder.Outcome outcome = responder.onStunPacket(a, off, len, sender, out);
        if (outcome.responded()) {
            leg.sendRaw(out, sender);
        } else {
            out.release();
        }
        if (outcome != StunBindingResponder.Outcome.SUCCESS) {
            return;
        }
        boolean nominates = responder.request().useCandidate();
        InetSocketAddress before = leg.remote;
        if (before == null || (nominates && !nominated) || (nominated && nominates && !sender.equals(before))) {
            leg.remote = sender;
        }
        nominated |= nominates;
        if (before == null) {
            onConnected.run();
        }
    }

    static String random(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return b.toString();
    }
}
