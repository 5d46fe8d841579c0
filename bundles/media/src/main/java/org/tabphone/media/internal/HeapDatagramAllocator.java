package org.tabphone.media.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * Reads each datagram into a pooled heap buffer of a fixed size. Netty's allocators hand out
 * direct buffers for I/O; the media path wants the array, so SRTP and transcoding work in place
 * without a copy.
 */
final class HeapDatagramAllocator extends DefaultMaxMessagesRecvByteBufAllocator {
    private final int size;

    HeapDatagramAllocator(int size) {
        this.size = size;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public int guess() {
                return size;
            }

            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                return alloc.heapBuffer(size);
            }
        };
    }
}
