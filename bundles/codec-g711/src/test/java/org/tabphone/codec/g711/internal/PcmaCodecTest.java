package org.tabphone.codec.g711.internal;

import org.tabphone.codec.api.AudioCodec;

/** G.711 A-law against the reference vectors (all of {@link G711CodecContract}). */
class PcmaCodecTest extends G711CodecContract {

    @Override
    AudioCodec newCodec() {
        return new PcmaCodec();
    }

    @Override
    String encoding() {
        return "PCMA";
    }

    @Override
    int payloadType() {
        return 8;
    }

    @Override
    short[] referenceDecode() {
        return v.alawDecode;
    }

    @Override
    byte[] referenceEncode() {
        return v.alawEncode;
    }

    @Override
    int checkpointCode(G711Vectors.Checkpoint cp) {
        return cp.alaw();
    }
}
