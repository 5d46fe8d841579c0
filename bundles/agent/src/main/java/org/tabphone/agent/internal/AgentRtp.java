package org.tabphone.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * One agent leg's RTP (RFC 3550) on a loopback port: each 20 ms tick of the {@link MediaClock}
 * drains what the gateway sent (audio is decoded for the agent, RFC 4733 events become digits)
 * and sends one frame — queued speech, else silence, so the gateway's RTP timeout never takes
 * a listening agent for a dead peer. Buffers are the leg's own and reused: no allocation per packet.
 */
final class AgentRtp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRtp.class);
    private static final int HEADER = 12;
    private static final int MAX_SAMPLES = 960; // a 120 ms packet, the most G.711 a datagram here carries
    private static final String EVENTS = "0123456789*#ABCD";

    private final DatagramChannel channel;
    private final int payloadType;
    private final int eventPayloadType;
    private final AudioEncoder encoder;
    private final AudioDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocate(1500);
    private final ByteBuffer out = ByteBuffer.allocate(HEADER + AgentCall.SAMPLES_PER_FRAME * 2);
    private final short[] heard = new short[MAX_SAMPLES];
    /** The usual 20 ms packet decodes straight into this, so the agent gets a full array without a copy. */
    private final short[] heardFrame = new short[AgentCall.SAMPLES_PER_FRAME];
    private final short[] frame = new short[AgentCall.SAMPLES_PER_FRAME];
    private final Queue<short[]> toPlay = new ConcurrentLinkedQueue<>();
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private volatile InetSocketAddress remote;
    private volatile AgentSession session;
    /** Media-clock thread state from here on. */
    private short[] playing;
    private int playingAt;
    private boolean played = true;
    private int seq = ThreadLocalRandom.current().nextInt(0x10000);
    private int timestamp = ThreadLocalRandom.current().nextInt();
    private long lastEventTimestamp = -1;
    private long packetsIn;
    private long packetsOut;

    private AgentRtp(DatagramChannel channel, InetSocketAddress remote, int payloadType, int eventPayloadType,
                     AudioEncoder encoder, AudioDecoder decoder) {
        this.channel = channel;
        this.remote = remote;
        this.payloadType = payloadType;
        this.eventPayloadType = eventPayloadType;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    static AgentRtp open(InetSocketAddress bind, AgentSdp.Choice choice, AudioEncoder encoder, AudioDecoder decoder)
            throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.configureBlocking(false);
            ch.bind(new InetSocketAddress(bind.getAddress(), 0));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new AgentRtp(ch, choice.remote(), choice.payloadType(), choice.eventPayloadType(), encoder, decoder);
    }

    InetSocketAddress local() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("closed", e);
        }
    }

    /** Who hears the caller's audio and digits. */
    void listen(AgentSession s) {
        session = s;
    }

    /** A re-INVITE moved the gateway's media. */
    void remote(InetSocketAddress r) {
        remote = r;
    }

    void play(short[] pcm) {
        if (pcm.length > 0) {
            toPlay.add(pcm);
        }
    }

    void stopPlaying() {
        toPlay.clear();
        playing = null; // a benign race with tick(): at worst one more frame of the old audio
    }

    boolean playing() {
        return playing != null || !toPlay.isEmpty();
    }

    long packetsIn() {
        return packetsIn;
    }

    long packetsOut() {
        return packetsOut;
    }

    /** One 20 ms step, on the media clock's thread. */
    void tick() {
        try {
            receive();
            send();
        } catch (IOException e) {
            LOG.debug("agent RTP on {}: {}", channel, e.toString());
        }
    }

    private void receive() throws IOException {
        for (int i = 0; i < 50; i++) { // bounded: a flood cannot hold the clock
            in.clear();
            SocketAddress from = channel.receive(in);
            if (from == null) {
                return;
            }
            int len = in.position();
            byte[] b = in.array();
            if (len < HEADER || (b[0] & 0xC0) != 0x80) {
                continue; // not RTP v2 (an RTCP packet is not sent to this port)
            }
            int offset = HEADER + 4 * (b[0] & 0x0F);
            if ((b[0] & 0x10) != 0 && len >= offset + 4) {
                offset += 4 + 4 * (((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF));
            }
            int end = (b[0] & 0x20) != 0 ? len - (b[len - 1] & 0xFF) : len;
            if (offset >= end) {
                continue;
            }
            packetsIn++;
            int pt = b[1] & 0x7F;
            int sequence = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            long ts = ((b[4] & 0xFFL) << 24) | ((b[5] & 0xFFL) << 16) | ((b[6] & 0xFFL) << 8) | (b[7] & 0xFFL);
            AgentSession s = session;
            if (pt == payloadType && s != null) {
                int bytes = Math.min(end - offset, MAX_SAMPLES); // G.711: one byte a sample
                short[] into = bytes == heardFrame.length ? heardFrame : heard;
                int n = decoder.decode(b, offset, bytes, into, 0);
                s.onAudio(n == into.length ? into : java.util.Arrays.copyOf(into, n), sequence, ts); // odd sizes: a copy
            } else if (pt == eventPayloadType && s != null && ts != lastEventTimestamp) {
                lastEventTimestamp = ts; // RFC 4733 §2.5.1.2: one event per timestamp, however often it is resent
                int event = b[offset] & 0xFF;
                if (event < EVENTS.length()) {
                    s.onDtmf(EVENTS.charAt(event));
                }
            }
        }
    }

    private void send() throws IOException {
        fill(frame);
        InetSocketAddress to = remote;
        if (to == null) {
            return;
        }
        out.clear();
        out.put((byte) 0x80).put((byte) (payloadType | (packetsOut == 0 ? 0x80 : 0)))
            .putShort((short) seq++).putInt(timestamp).putInt(ssrc);
        timestamp += AgentCall.SAMPLES_PER_FRAME;
        int n = encoder.encode(frame, 0, frame.length, out.array(), HEADER);
        out.position(HEADER + n).flip();
        channel.send(out, to);
        packetsOut++;
    }

    /** The next 20 ms of queued speech, padded with silence. */
    private void fill(short[] dst) {
        int at = 0;
        while (at < dst.length) {
            if (playing == null || playingAt == playing.length) {
                playing = toPlay.poll();
                playingAt = 0;
                if (playing == null) {
                    break;
                }
                played = false;
            }
            int n = Math.min(dst.length - at, playing.length - playingAt);
            System.arraycopy(playing, playingAt, dst, at, n);
            at += n;
            playingAt += n;
        }
        java.util.Arrays.fill(dst, at, dst.length, (short) 0);
        if (at < dst.length && !played) {
            played = true;
            AgentSession s = session;
            if (s != null) {
                s.onPlayed();
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing agent RTP: {}", e.toString());
        }
    }
}
