package org.tabphone.agent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tabphone.codec.g711.internal.PcmaCodec;
import org.tabphone.codec.g711.internal.PcmuCodec;

/**
 * Stream audio payloads per stream.encoding (with the gateway's own G.711 codecs), and the agent
 * configuration refusing what a stream agent cannot work with.
 */
class StreamAudioTest {

    @Test
    void l16IsLittleEndianPcmBehindAHeader() {
        StreamAudio a = StreamAudio.l16();
        short[] frame = ramp();
        ByteBuffer b = ByteBuffer.allocate(8 + a.payloadBytes(160)).putLong(0);
        a.encode(frame, b);
        assertEquals(328, b.position());
        assertEquals(0x0100, Short.toUnsignedInt(b.getShort(8 + 2)) & 0xffff, "sample 1 (= 1) little-endian");
        b.position(8);
        assertArrayEquals(frame, a.decode(b));
    }

    @Test
    void g711IsOneByteASampleAndDecodesBackClose() {
        for (StreamAudio a : new StreamAudio[] {StreamAudio.g711(StreamEncoding.PCMU, new PcmuCodec()),
                                                StreamAudio.g711(StreamEncoding.PCMA, new PcmaCodec())}) {
            short[] frame = new short[160];
            for (int i = 0; i < 160; i++) {
                frame[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
            }
            ByteBuffer b = ByteBuffer.allocate(8 + a.payloadBytes(160)).putLong(0);
            a.encode(frame, b);
            assertEquals(168, b.position(), a.encoding() + " frame size");
            b.flip().position(8);
            short[] back = a.decode(b);
            assertEquals(160, back.length);
            for (int i = 0; i < 160; i++) {
                assertEquals(frame[i], back[i], 8000 / 16.0, a.encoding() + " sample " + i); // G.711: ~4 % at this level
            }
        }
    }

    @Test
    void encodingNamesAndBadValues() {
        assertEquals(StreamEncoding.L16, StreamEncoding.parse(null));
        assertEquals(StreamEncoding.PCMU, StreamEncoding.parse(" PcMu "));
        assertEquals(StreamEncoding.PCMA, StreamEncoding.parse("pcma"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamEncoding.parse("opus"));
        assertEquals("stream.encoding must be l16, pcmu or pcma, not 'opus'", e.getMessage());
    }

    @Test
    void aStreamAgentNeedsAUrlOrATokenAndAKnownEncoding() {
        assertEquals("type stream needs a url (the gateway connects to the agent) or a token (the agent connects to the gateway)",
            assertThrows(IllegalArgumentException.class, () -> AgentConfigComponent.parse(stream("l16"), Map.of())).getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> AgentConfigComponent.parse(stream("g729"), Map.of("url", "ws://127.0.0.1:9/")));
        assertEquals("t0k", AgentConfigComponent.parse(stream("pcma"), Map.of("token", "t0k")).settings().get("token"));
    }

    private static short[] ramp() {
        short[] s = new short[160];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (i * 256 - 20000 + i);
        }
        s[1] = 1;
        return s;
    }

    private static AgentConfig stream(String encoding) {
        return new AgentConfig() {
            @Override public Class<? extends Annotation> annotationType() { return AgentConfig.class; }
            @Override public String name() { return "bot"; }
            @Override public String tenant() { return "demo"; }
            @Override public String numbers() { return "801, 802"; }
            @Override public String type() { return "stream"; }
            @Override public String uri() { return ""; }
            @Override public String stream_encoding() { return encoding; }
        };
    }
}
