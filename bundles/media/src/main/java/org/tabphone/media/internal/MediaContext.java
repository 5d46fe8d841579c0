package org.tabphone.media.internal;

import java.util.concurrent.Executor;

import io.netty.channel.EventLoopGroup;
import org.tabphone.media.internal.dtls.DtlsCertificate;
import org.tabphone.media.internal.dtls.DtlsEndpointConfig;
import org.tabphone.media.internal.tap.TapDispatcher;

/**
 * What a session needs from the media component: the settings in force when it opened (a
 * session keeps them; new sessions take new ones), the sockets, threads and codecs.
 */
record MediaContext(MediaSettings settings, PortAllocator ports, LocalAddresses addresses,
                    DtlsCertificate certificate, DtlsEndpointConfig dtlsConfig, EventLoopGroup loops,
                    MediaSockets sockets, Executor handshakes, CodecRegistry codecs, RelayCounters counters,
                    TapDispatcher taps) {
}
