package org.tabphone.media.internal.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * jitsi-srtp's view of a packet: a reusable window over the caller's array that never reallocates.
 * {@link SrtpSession} checks the room for the tag before calling jitsi, so {@link #grow} and
 * {@link #append} stay within {@code limit}; if they ever would not, {@link #overflowed()} says so and
 * nothing is written past {@code limit}.
 */
final class PacketBuffer implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;
    private int limit;
    private boolean overflowed;

    void wrap(byte[] buffer, int offset, int length, int limit) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.limit = limit;
        this.overflowed = false;
    }

    /** Drops the reference to the caller's array. */
    void clear() {
        buffer = null;
    }

    boolean overflowed() {
        return overflowed;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        length = len;
    }

    @Override
    public void setOffset(int off) {
        offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuf) {
        System.arraycopy(buffer, offset + off, outBuf, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > limit) {
            overflowed = true;
        }
    }

    @Override
    public void append(byte[] data, int len) {
        if (offset + length + len > limit) {
            overflowed = true;
            return;
        }
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
