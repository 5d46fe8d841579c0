package org.tabphone.codec.g711.internal;

import org.osgi.service.component.annotations.Component;
import org.tabphone.codec.api.AudioCodec;

/** G.711 A-law: {@code PCMA/8000}, static RTP payload type 8 (RFC 3551 section 4.5.14). */
@Component(service = AudioCodec.class,
        property = {AudioCodec.ENCODING_PROPERTY + "=PCMA", "service.ranking:Integer=0"})
public final class PcmaCodec extends G711Codec {

    public PcmaCodec() {
        super("PCMA", 8, G711Tables.alaw());
    }
}
