package org.tabphone.media.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * Where the packets arriving on one leg go: the other leg, with each payload type mapped to the
 * other leg's number for the same format (RFC 3264 lets the legs number formats differently),
 * the audio format transcoded through 8 kHz PCM when the legs share none. Anything unmapped (CN,
 * RED, a codec the other leg didn't accept) is dropped. Built on the control path, used only on
 * the session's event loop; codecs are looked up again whenever a codec bundle comes or goes.
 */
final class Route {
    private static final Logger LOG = LoggerFactory.getLogger(Route.class);
    /** The PCM rate transcoded calls meet at: G.711's, and one Opus decodes to and encodes from. */
    static final int PCM_RATE = 8000;
    /** 120 ms at 8 kHz: the longest Opus packet; G.711 packets are 10–60 ms. */
    private static final int MAX_SAMPLES = 960;
    /** The biggest payload an encoder may write: one MTU. */
    private static final int MAX_PAYLOAD = 1500;
    /** {@link #map}: a payload type the target leg did not accept. */
    static final int UNMAPPED = -1;
    /** {@link #map}: the payload could not be transcoded (no codec service, refused by the decoder, too big). */
    static final int NOT_TRANSCODED = -2;

    final Leg to;
    /** Output payload type per input payload type, -1 = drop. */
    private final int[] ptMap = new int[128];
    private final int transcodeInPt;
    private final int dtmfInPt;
    private final String decodeEncoding;
    private final String encodeEncoding;
    private final int inClockRate;
    private final int outClockRate;
    /** Telephone-event durations scale by this when the legs' DTMF clocks differ (RFC 4733 §2.5.1.4). */
    private final int dtmfInRate;
    private final int dtmfOutRate;
    private final CodecRegistry codecs;
    private long codecGeneration = -1;
    private AudioDecoder decoder;
    private AudioEncoder encoder;
    /** Per route, made once: the decoded PCM and the encoded payload (no allocation per packet). */
    private short[] pcm;
    private byte[] encoded;
    private boolean codecMissingLogged;
    private boolean badPacketLogged;
    private final TimestampScaler timestamps;

    /**
     * @param from   the format arriving from the source leg, and its DTMF format (may be null)
     * @param target the format the target leg expects, and its DTMF format (may be null)
     */
    Route(Leg to, Format from, Format fromDtmf, Format target, Format targetDtmf, boolean transcode,
          CodecRegistry codecs) {
        this.to = to;
        this.codecs = codecs;
        java.util.Arrays.fill(ptMap, -1);
        ptMap[from.pt()] = target.pt();
        boolean dtmf = fromDtmf != null && targetDtmf != null;
        if (dtmf) {
            ptMap[fromDtmf.pt()] = targetDtmf.pt();
        }
        this.dtmfInPt = dtmf ? fromDtmf.pt() : -1;
        this.dtmfInRate = dtmf ? fromDtmf.clockRate() : 1;
        this.dtmfOutRate = dtmf ? targetDtmf.clockRate() : 1;
        this.transcodeInPt = transcode ? from.pt() : -1;
        this.decodeEncoding = from.encoding();
        this.encodeEncoding = target.encoding();
        this.inClockRate = from.clockRate();
        this.outClockRate = target.clockRate();
        this.timestamps = inClockRate == outClockRate ? null : new TimestampScaler(inClockRate, outClockRate);
        if (transcode) {
            pcm = new short[MAX_SAMPLES];
            encoded = new byte[MAX_PAYLOAD];
        }
    }

    boolean transcodes() {
        return transcodeInPt >= 0;
    }

    /**
     * Maps the RTP packet's payload type (and payload, when transcoding) in place, {@code room}
     * bytes being available from {@code off}. Returns the packet's new length, or {@link #UNMAPPED}
     * or {@link #NOT_TRANSCODED} when it must be dropped.
     */
    int map(byte[] p, int off, int len, int room) {
        int pt = RtpHeader.payloadType(p, off);
        int out = ptMap[pt];
        if (out < 0) {
            return UNMAPPED;
        }
        if (pt == transcodeInPt) {
            len = transcode(p, off, len, room);
            if (len < 0) {
                return NOT_TRANSCODED;
            }
        } else if (pt == dtmfInPt && dtmfInRate != dtmfOutRate) {
            scaleEventDuration(p, off, len);
        }
        if (timestamps != null) {
            RtpHeader.timestamp(p, off, timestamps.scale(RtpHeader.ssrc(p, off), RtpHeader.timestamp(p, off)));
        }
        RtpHeader.payloadType(p, off, out);
        return len;
    }

    int outClockRate() {
        return outClockRate;
    }

    /**
     * Decodes the payload to 8 kHz PCM and encodes it in the target format into the route's own
     * buffer, then writes it over the old payload; the length changes with the format (G.711 160
     * bytes per 20 ms, Opus tens). Padding goes (RFC 3550 §5.1: the P bit is cleared).
     */
    private int transcode(byte[] p, int off, int len, int room) {
        if (!resolveCodecs()) {
            return -1;
        }
        int payload = RtpHeader.payloadOffset(p, off, len);
        int n = payload < 0 ? -1 : RtpHeader.payloadLength(p, off, len, payload);
        if (n <= 0) {
            return -1;
        }
        int bytes;
        try {
            int samples = decoder.decode(p, off + payload, n, pcm, 0);
            if (samples <= 0) {
                return -1;
            }
            bytes = encoder.encode(pcm, 0, samples, encoded, 0);
        } catch (IllegalArgumentException e) {
            if (!badPacketLogged) {
                badPacketLogged = true; // once per route: a broken peer must not flood the log
                LOG.warn("media to {}: {}→{} packet not transcoded, dropped: {}", to.role(), decodeEncoding,
                    encodeEncoding, e.getMessage());
            }
            return -1;
        }
        if (payload + bytes > room) {
            return -1;
        }
        System.arraycopy(encoded, 0, p, off + payload, bytes);
        p[off] &= ~0x20;
        return payload + bytes;
    }

    /** RFC 4733 §2.3.5: the event's duration is in timestamp units of its clock. */
    private void scaleEventDuration(byte[] p, int off, int len) {
        int payload = RtpHeader.payloadOffset(p, off, len);
        if (payload < 0 || len - payload < 4) {
            return;
        }
        int at = off + payload + 2;
        long d = ((p[at] & 0xFF) << 8 | (p[at + 1] & 0xFF)) * (long) dtmfOutRate / dtmfInRate;
        int scaled = (int) Math.min(0xFFFF, d);
        p[at] = (byte) (scaled >>> 8);
        p[at + 1] = (byte) scaled;
    }

    private boolean resolveCodecs() {
        long generation = codecs.generation();
        if (generation != codecGeneration) {
            codecGeneration = generation;
            AudioCodec dec = codecs.find(decodeEncoding).filter(c -> c.supportsPcmRate(PCM_RATE)).orElse(null);
            AudioCodec enc = codecs.find(encodeEncoding).filter(c -> c.supportsPcmRate(PCM_RATE)).orElse(null);
            decoder = dec == null ? null : dec.newDecoder(PCM_RATE);
            encoder = enc == null ? null : enc.newEncoder(PCM_RATE);
            if (decoder == null || encoder == null) {
                if (!codecMissingLogged) {
                    LOG.warn("media to {}: no {} codec service installed; transcoded audio is dropped until one is",
                        to.role(), decoder == null ? decodeEncoding : encodeEncoding);
                    codecMissingLogged = true;
                }
            } else if (codecMissingLogged) {
                LOG.info("media to {}: {}→{} transcoding resumed with the new codec service", to.role(),
                    decodeEncoding, encodeEncoding);
                codecMissingLogged = false;
            }
        }
        return decoder != null && encoder != null;
    }
}
