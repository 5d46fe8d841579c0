package org.tabphone.codec.g711.internal;

import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * What PCMA and PCMU share: 8 kHz mono, a static payload type, and the tables of one law, built
 * when the component is created and dropped with it.
 */
abstract class G711Codec implements AudioCodec {

    private final String encodingName;
    private final int payloadType;
    private final G711Tables tables;

    G711Codec(String encodingName, int payloadType, G711Tables tables) {
        this.encodingName = encodingName;
        this.payloadType = payloadType;
        this.tables = tables;
    }

    @Override
    public final String encodingName() {
        return encodingName;
    }

    @Override
    public final int clockRate() {
        return 8000;
    }

    @Override
    public final int channels() {
        return 1;
    }

    @Override
    public final int staticPayloadType() {
        return payloadType;
    }

    /** Stateless, but the SPI promises one per stream; it costs one small object. */
    @Override
    public final AudioDecoder newDecoder() {
        return new G711Decoder(tables);
    }

    /** Stateless, but the SPI promises one per stream; it costs one small object. */
    @Override
    public final AudioEncoder newEncoder() {
        return new G711Encoder(tables);
    }

    @Override
    public final String toString() {
        return encodingName + "/8000 (PT " + payloadType + ")";
    }
}
