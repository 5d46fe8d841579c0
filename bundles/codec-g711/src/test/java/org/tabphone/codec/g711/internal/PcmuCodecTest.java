package org.tabphone.codec.g711.internal;

import org.tabphone.codec.api.AudioCodec;

/** G.711 mu-law against the reference vectors (all of {@link G711CodecContract}). */
class PcmuCodecTest extends G711CodecContract {

    @Override
    AudioCodec newCodec() {
        return new PcmuCodec();
    }

    @Override
    String encoding() {
        return "PCMU";
    }

    @Override
    int payloadType() {
        return 0;
    }

    @Override
    short[] referenceDecode() {
        return v.ulawDecode;
    }

    @Override
    byte[] referenceEncode() {
        return v.ulawEncode;
    }

    @Override
    int checkpointCode(G711Vectors.Checkpoint cp) {
        return cp.ulaw();
    }
}
