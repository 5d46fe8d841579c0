package org.tabphone.media.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * Where the packets arriving on one leg go: the other leg, with each payload type mapped to the
 * other leg's number for the same format (RFC 3264 lets the legs number formats differently),
 * the audio format transcoded through PCM16 when the legs share none. Anything unmapped (CN,
 * RED, a codec the other leg didn't accept) is dropped. Built on the control path, used only on
 * the session's event loop; codecs are looked up again whenever a codec bundle comes or goes.
 */
final class Route {
    private static final Logger LOG = LoggerFactory.getLogger(Route.class);

    final Leg to;
    /** Output payload type per input payload type, -1 = drop. */
    private final int[] ptMap = new int[128];
    private final int transcodeInPt;
    private final String decodeEncoding;
    private final String encodeEncoding;
    private final int outClockRate;
    private final CodecRegistry codecs;
    private long codecGeneration = -1;
    private AudioDecoder decoder;
    private AudioEncoder encoder;
    private short[] pcm = new short[0];
    private boolean codecMissingLogged;

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
        if (fromDtmf != null && targetDtmf != null) {
            ptMap[fromDtmf.pt()] = targetDtmf.pt();
        }
        this.transcodeInPt = transcode ? from.pt() : -1;
        this.decodeEncoding = from.encoding();
        this.encodeEncoding = target.encoding();
        this.outClockRate = target.clockRate();
    }

    boolean transcodes() {
        return transcodeInPt >= 0;
    }

    /**
     * Maps the RTP packet's payload type (and payload, when transcoding) in place. Returns false
     * when the packet must be dropped.
     */
    boolean map(byte[] p, int off, int len) {
        int pt = RtpHeader.payloadType(p, off);
        int out = ptMap[pt];
        if (out < 0) {
            return false;
        }
        if (pt == transcodeInPt && !transcode(p, off, len)) {
            return false;
        }
        RtpHeader.payloadType(p, off, out);
        return true;
    }

    int outClockRate() {
        return outClockRate;
    }

    /** G.711 to G.711: same clock, one byte per sample, so the payload is rewritten in place. */
    private boolean transcode(byte[] p, int off, int len) {
        if (!resolveCodecs()) {
            return false;
        }
        int payload = RtpHeader.payloadOffset(p, off, len);
        int n = payload < 0 ? -1 : RtpHeader.payloadLength(p, off, len, payload);
        if (n <= 0) {
            return false;
        }
        if (pcm.length < n) {
            pcm = new short[Math.max(n, 320)]; // grows once to the stream's frame size
        }
        int samples = decoder.decode(p, off + payload, n, pcm, 0);
        encoder.encode(pcm, 0, samples, p, off + payload);
        return true;
    }

    private boolean resolveCodecs() {
        long generation = codecs.generation();
        if (generation != codecGeneration) {
            codecGeneration = generation;
            AudioCodec dec = codecs.find(decodeEncoding).orElse(null);
            AudioCodec enc = codecs.find(encodeEncoding).orElse(null);
            decoder = dec == null ? null : dec.newDecoder();
            encoder = enc == null ? null : enc.newEncoder();
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
