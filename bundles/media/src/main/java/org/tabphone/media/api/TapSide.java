package org.tabphone.media.api;

/**
 * Which party's audio a {@link TapFrame} carries: what the gateway received from that leg. A party
 * keeps its side for the whole call; a party that replaces another (a transfer target, the staying
 * party of an attended transfer) takes the side of the one it replaced.
 */
public enum TapSide {
    /** The leg that sent the INVITE, or the party that took its place. */
    CALLER,
    /** The answering leg, or the party that took its place. */
    CALLEE
}
