package org.tabphone.bench.sip;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;

/**
 * Parse and serialize costs of sip-core's codec on one core: a ~1 KB INVITE with an SDP body and a
 * REGISTER with a Digest Authorization header, as a webphone sends them over WSS.
 *
 * <p>The parse benchmarks read what a B2BUA reads for every request (top Via branch, Call-ID, CSeq,
 * From tag), so lazy parsing cannot make them measure nothing. Serialize writes with
 * {@code toBytes()}, output array allocation included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SipCodecBenchmark {
    static final String SDP = String.join("\r\n",
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 192.0.2.101",
            "s=-",
            "c=IN IP4 192.0.2.101",
            "t=0 0",
            "m=audio 49170 RTP/AVP 0 8 9 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "a=maxptime:150",
            "a=rtcp:49171 IN IP4 192.0.2.101",
            "a=ssrc:2231627014 cname:4TOk42mSjXCkVIa6",
            "a=sendrecv",
            "");

    static final String INVITE_HEAD = String.join("\r\n",
            "INVITE sip:bob@biloxi.example.com SIP/2.0",
            "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK776asdhds;rport",
            "Max-Forwards: 70",
            "To: \"Bob\" <sip:bob@biloxi.example.com>",
            "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws;ob>;+sip.ice",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER, UPDATE",
            "Supported: replaces, outbound, timer, ice",
            "Session-Expires: 1800;refresher=uac",
            "User-Agent: Tabphone-Webphone/0.1 (Chrome 126)",
            "Content-Type: application/sdp",
            "Content-Length: " + SDP.length(),
            "", "");

    static final String REGISTER = String.join("\r\n",
            "REGISTER sip:tabphone.example.com SIP/2.0",
            "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKregk2kdjw;rport",
            "Max-Forwards: 70",
            "To: <sip:alice@tabphone.example.com>",
            "From: <sip:alice@tabphone.example.com>;tag=a73kszlfl",
            "Call-ID: 1j9FpLxk3uxtm8tn@df7jal23ls0d.invalid",
            "CSeq: 2 REGISTER",
            "Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-"
                    + "a765-00a0c91e6bf6>\";reg-id=1;expires=600",
            "Authorization: Digest username=\"alice\", realm=\"tabphone.example.com\", "
                    + "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", uri=\"sip:tabphone.example.com\", "
                    + "response=\"dfe56131d1958046689d83306477ecc\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, "
                    + "nc=00000001",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER, UPDATE, MESSAGE",
            "Supported: path, outbound, gruu",
            "User-Agent: Tabphone-Webphone/0.1 (Chrome 126)",
            "Content-Length: 0",
            "", "");

    private byte[] invite;
    private byte[] register;
    private SipMessage parsedInvite;
    private SipMessage parsedRegister;
    private Via ourVia;

    @Setup
    public void setUp() throws SipParseException {
        invite = (INVITE_HEAD + SDP).getBytes(StandardCharsets.UTF_8);
        register = REGISTER.getBytes(StandardCharsets.UTF_8);
        parsedInvite = SipMessages.parse(invite, 0, invite.length);
        parsedRegister = SipMessages.parse(register, 0, register.length);
        ourVia = Via.of("UDP", "203.0.113.7", 5060, Parameters.builder().add("branch", "z9hG4bKb2bua1").build());
    }

    /** What a B2BUA reads from every request. */
    private static void touch(SipMessage m, Blackhole bh) {
        bh.consume(m.topVia().branch());
        bh.consume(m.callId());
        bh.consume(m.cseq());
        bh.consume(m.from().tag());
    }

    @Benchmark
    public void parseInvite(Blackhole bh) throws SipParseException {
        touch(SipMessages.parse(invite, 0, invite.length), bh);
    }

    @Benchmark
    public byte[] serializeInvite() {
        return parsedInvite.toBytes();
    }

    @Benchmark
    public byte[] parseSerializeInvite(Blackhole bh) throws SipParseException {
        SipMessage m = SipMessages.parse(invite, 0, invite.length);
        touch(m, bh);
        return m.toBytes();
    }

    @Benchmark
    public void parseRegister(Blackhole bh) throws SipParseException {
        touch(SipMessages.parse(register, 0, register.length), bh);
    }

    @Benchmark
    public byte[] serializeRegister() {
        return parsedRegister.toBytes();
    }

    @Benchmark
    public byte[] parseSerializeRegister(Blackhole bh) throws SipParseException {
        SipMessage m = SipMessages.parse(register, 0, register.length);
        touch(m, bh);
        return m.toBytes();
    }

    /** A proxy-style edit on top of parse + serialize: new top Via, Max-Forwards decremented. */
    @Benchmark
    public byte[] parseEditSerializeInvite() throws SipParseException {
        SipRequest m = (SipRequest) SipMessages.parse(invite, 0, invite.length);
        return m.toBuilder()
                .addVia(ourVia)
                .maxForwards(m.maxForwards().orElse(70) - 1)
                .remove(HeaderName.USER_AGENT)
                .build()
                .toBytes();
    }

    /** Header section plus body length of the INVITE, for the README. */
    public static void main(String[] args) {
        System.out.println("INVITE bytes: " + (INVITE_HEAD + SDP).getBytes(StandardCharsets.UTF_8).length);
        System.out.println("REGISTER bytes: " + REGISTER.getBytes(StandardCharsets.UTF_8).length);
    }
}
