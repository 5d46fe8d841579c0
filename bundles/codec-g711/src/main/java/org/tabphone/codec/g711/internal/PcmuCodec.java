package org.tabphone.codec.g711.internal;

import org.osgi.service.component.annotations.Component;
import org.tabphone.codec.api.AudioCodec;

/** G.711 mu-law: {@code PCMU/8000}, static RTP payload type 0 (RFC 3551 section 4.5.14). */
@Component(service = AudioCodec.class,
        property = {AudioCodec.ENCODING_PROPERTY + "=PCMU", "service.ranking:Integer=0"})
public final class PcmuCodec extends G711Codec {

    public PcmuCodec() {
        super("PCMU", 0, G711Tables.ulaw());
    }
}
