package org.tabphone.media.internal;

import java.util.Locale;

/**
 * One RTP payload format of a leg's SDP: payload type, rtpmap, and its {@code a=fmtp}, which travels
 * with it so a pass-through codec reaches the other leg unchanged. No {@code a=rtcp-fb}: RTCP is
 * terminated per leg and the gateway acts on no feedback, so it advertises none (RFC 4585 §4.2).
 */
record Format(int pt, String encoding, int clockRate, int channels, String fmtp) {

    static final String TELEPHONE_EVENT = "telephone-event";

    static Format of(int pt, String encoding, int clockRate) {
        return new Format(pt, encoding, clockRate, 1, null);
    }

    Format withPt(int newPt) {
        return new Format(newPt, encoding, clockRate, channels, fmtp);
    }

    boolean sameCodec(Format o) {
        return encoding.equalsIgnoreCase(o.encoding) && clockRate == o.clockRate && channels == o.channels;
    }

    boolean isTelephoneEvent() {
        return encoding.equalsIgnoreCase(TELEPHONE_EVENT);
    }

    /** Comfort noise, redundancy and FEC: formats that never carry the call's audio on their own. */
    boolean isAuxiliary() {
        String e = encoding.toLowerCase(Locale.ROOT);
        return e.equals("cn") || e.equals("red") || e.equals("ulpfec") || e.equals("rtx") || isTelephoneEvent();
    }

    boolean isG711() {
        return clockRate == 8000 && (encoding.equalsIgnoreCase("PCMU") || encoding.equalsIgnoreCase("PCMA"));
    }

    /** {@code PCMU/8000}, {@code opus/48000/2}. */
    String rtpmap() {
        return encoding + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }

    static Format pcmu() {
        return of(0, "PCMU", 8000);
    }

    static Format pcma() {
        return of(8, "PCMA", 8000);
    }

    static Format telephoneEvent(int pt, int clockRate) {
        return new Format(pt, TELEPHONE_EVENT, clockRate, 1, "0-16");
    }
}
