package org.tabphone.media.api;

/** Which party's audio a {@link TapFrame} carries: what the gateway received from that leg. */
public enum TapSide {
    /** The leg that sent the INVITE. */
    CALLER,
    /** The answering leg (after a transfer: the new callee). */
    CALLEE
}
