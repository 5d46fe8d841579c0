package org.tabphone.media.internal.tap;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.MediaTap;
import org.tabphone.media.api.TapFormat;
import org.tabphone.media.api.TapSide;
import org.tabphone.media.api.TapSink;
import org.tabphone.media.internal.RtpHeader;

/**
 * One tapped call: the ring its legs copy packets into ({@link #offer}, on the media event loop)
 * and the sinks the tap thread hands them to ({@link #drain}). Sinks are only called under this
 * object's lock, so detaching one (its tap service went away) waits for a delivery in progress.
 */
public final class SessionTap {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTap.class);
    /** About 1.3 s of a G.711 call at 20 ms packets both ways: the tap thread may stall that long. */
    static final int SLOTS = 128;
    /** 40 ms of G.711 with a browser's header extensions; bigger packets are dropped (counted). */
    static final int SLOT_BYTES = 512;

    private final CallIdentity call;
    private final TapDispatcher dispatcher;
    private final TapRing ring = new TapRing(SLOTS, SLOT_BYTES);
    private final List<Attached> sinks = new ArrayList<>(2);
    private final SideDecoder callerDecoder;
    private final SideDecoder calleeDecoder;
    private final TapFrameView frame = new TapFrameView();
    /** 120 ms at 8 kHz: the longest Opus packet (G.711 fits in a slot's bytes). */
    private final short[] pcm = new short[960];
    private final String[] codecEncoding = new String[2];
    private final int[] codecRate = new int[2];
    private final String[] codecNames = {"", ""};
    private volatile boolean closing;
    private long dropsReported;

    /** A sink and the service it came from. */
    private record Attached(MediaTap owner, TapSink sink, boolean pcm) {
    }

    SessionTap(CallIdentity call, TapDispatcher dispatcher) {
        this.call = call;
        this.dispatcher = dispatcher;
        this.callerDecoder = dispatcher.newDecoder();
        this.calleeDecoder = dispatcher.newDecoder();
    }

    public CallIdentity call() {
        return call;
    }

    synchronized void add(MediaTap owner, TapSink sink, TapFormat format) {
        sinks.add(new Attached(owner, sink, format != TapFormat.RTP));
    }

    synchronized boolean hasSinks() {
        return !sinks.isEmpty();
    }

    /**
     * The media event loop's copy of an RTP packet (after SRTP, before any transcoding). Never
     * blocks or allocates; false when it was dropped.
     */
    public boolean offer(TapSide side, byte[] p, int off, int len, long arrivalNanos, int audioPt, String encoding,
                         int clockRate) {
        return !closing && ring.offer(side, p, off, len, arrivalNanos, audioPt, encoding, clockRate);
    }

    /** The call's media ended: the tap thread delivers what is queued, then closes the sinks. */
    public void close() {
        closing = true;
    }

    boolean closing() {
        return closing;
    }

    /** Tap thread: hands every queued packet to the sinks; closes them once the call ended. True when done. */
    synchronized boolean drain() {
        boolean ending = closing; // read first: packets offered before close() are in the ring by now
        int n = ring.available();
        for (int k = 0; k < n && !sinks.isEmpty(); k++) {
            deliver(ring.slot(k));
        }
        ring.release(n);
        long dropped = ring.dropped();
        if (dropped > dropsReported) {
            long d = dropped - dropsReported;
            dropsReported = dropped;
            dispatcher.framesDropped.add(d);
            for (int i = 0; i < sinks.size(); i++) {
                Attached a = sinks.get(i);
                try {
                    a.sink().onDropped(d);
                } catch (RuntimeException | LinkageError e) {
                    sinks.remove(i--);
                    detachFailed(a, e);
                }
            }
        }
        if (!ending) {
            return false;
        }
        if (dropsReported > 0) {
            LOG.info("media tap of call {}: {} frames dropped (the tap thread fell behind)", call.call(), dropsReported);
        }
        closeSinks(null);
        return true;
    }

    /** Closes and removes the sinks of {@code owner} (all when null); after this they are never called again. */
    synchronized void closeSinks(MediaTap owner) {
        for (var it = sinks.iterator(); it.hasNext();) {
            Attached a = it.next();
            if (owner == null || a.owner() == owner) {
                it.remove();
                try {
                    a.sink().close();
                } catch (RuntimeException | LinkageError e) {
                    dispatcher.failed(a.owner(), call, e);
                }
            }
        }
    }

    private void deliver(int slot) {
        byte[] p = ring.data(slot);
        int len = ring.length(slot);
        int header = RtpHeader.headerLength(p, 0, len);
        if (header < 0) {
            return;
        }
        TapSide side = ring.side(slot);
        TapFrameView f = frame;
        f.side = side;
        f.arrivalNanos = ring.nanos(slot);
        f.ssrc = RtpHeader.readInt(p, 8);
        f.sequence = ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
        f.rtpTimestamp = RtpHeader.readInt(p, 4);
        f.payloadType = p[1] & 0x7F;
        f.rtp = p;
        f.rtpLength = len;
        String enc = ring.encoding(slot);
        boolean audio = enc != null && f.payloadType == ring.audioPt(slot);
        f.clockRate = ring.clockRate(slot);
        f.codec = audio ? codecName(side, enc, f.clockRate) : "";
        f.noPcm();
        if (audio) {
            decode(side == TapSide.CALLER ? callerDecoder : calleeDecoder, enc, f.clockRate, p, header, len);
        }
        for (int i = 0; i < sinks.size(); i++) {
            Attached a = sinks.get(i);
            if (a.pcm() && f.samples == 0) {
                continue;
            }
            try {
                a.sink().onFrame(f);
            } catch (RuntimeException | LinkageError e) {
                sinks.remove(i--);
                detachFailed(a, e);
            }
        }
    }

    private void decode(SideDecoder d, String enc, int clockRate, byte[] p, int header, int len) {
        if (!needsPcm()) {
            return;
        }
        AudioDecoder decoder = d.decoderFor(enc, clockRate);
        if (decoder == null) {
            if (!enc.equals(d.undecodable)) {
                d.undecodable = enc;
                LOG.info("media tap of call {}: no codec service decodes {}/{} to 8 kHz; that side is not delivered as PCM",
                    call.call(), enc, clockRate);
            }
            return;
        }
        int pad = (p[0] & 0x20) != 0 ? p[len - 1] & 0xFF : 0;
        int payload = len - header - pad;
        if (payload > 0) {
            try {
                frame.samples = decoder.decode(p, header, payload, pcm, 0);
                frame.pcm = pcm;
            } catch (IllegalArgumentException e) {
                if (!enc.equals(d.undecodable)) { // once per side and encoding: a broken sender must not flood the log
                    d.undecodable = enc;
                    LOG.info("media tap of call {}: a {} packet not decoded ({}); such frames are not delivered as PCM",
                        call.call(), enc, e.getMessage());
                }
            }
        }
    }

    private boolean needsPcm() {
        for (Attached a : sinks) {
            if (a.pcm()) {
                return true;
            }
        }
        return false;
    }

    /** {@code PCMU/8000}, made once per side and encoding (not per packet). */
    private String codecName(TapSide side, String enc, int rate) {
        int i = side.ordinal();
        if (codecEncoding[i] != enc || codecRate[i] != rate) { // the Format's own string: identity suffices
            codecEncoding[i] = enc;
            codecRate[i] = rate;
            codecNames[i] = enc + "/" + rate;
        }
        return codecNames[i];
    }

    /** A sink that threw: reported (once per tap service), closed, never called again. */
    private void detachFailed(Attached a, Throwable e) {
        dispatcher.failed(a.owner(), call, e);
        try {
            a.sink().close();
        } catch (RuntimeException | LinkageError ignored) {
            // already reported as failed
        }
    }
}
