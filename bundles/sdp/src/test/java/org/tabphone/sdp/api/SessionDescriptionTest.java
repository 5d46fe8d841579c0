package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDescriptionTest {
    /** RFC 8866 §5 example, every session-level line type, CRLF, in RFC order. */
    private static final String RFC_EXAMPLE = String.join("\r\n",
            "v=0",
            "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
            "s=Call to John Smith",
            "i=SDP Offer #1",
            "u=http://www.jdoe.example.com/home.html",
            "e=Jane Doe <jane@jdoe.example.com>",
            "p=+1 617 555-6011",
            "c=IN IP4 198.51.100.1",
            "b=CT:128",
            "t=3724394400 3724398000",
            "r=604800 3600 0 90000",
            "t=0 0",
            "z=2882844526 -1h 2898848070 0",
            "k=prompt",
            "x=an unknown line",
            "a=recvonly",
            "a=tool:x",
            "m=audio 49170 RTP/AVP 0",
            "m=audio 49180 RTP/AVP 0",
            "m=video 51372/2 RTP/AVP 99",
            "i=the video",
            "c=IN IP6 2001:db8::2",
            "b=AS:512",
            "k=clear:abc",
            "y=another unknown",
            "a=rtpmap:99 h263-1998/90000",
            "") ;

    @Test
    void readsEveryLineType() throws SdpParseException {
        SessionDescription s = SessionDescription.parse(RFC_EXAMPLE);
        assertEquals(0, s.version());
        assertEquals(new Origin("jdoe", "3724394400", "3724394405", "IN", "IP4", "198.51.100.1"), s.origin());
        assertEquals(3724394405L, s.origin().sessionVersionAsLong());
        assertEquals("Call to John Smith", s.sessionName());
        assertEquals(Optional.of("SDP Offer #1"), s.information());
        assertEquals(Optional.of("http://www.jdoe.example.com/home.html"), s.uri());
        assertEquals(List.of("Jane Doe <jane@jdoe.example.com>"), s.emails());
        assertEquals(List.of("+1 617 555-6011"), s.phones());
        assertEquals(Optional.of(new Connection("IN", "IP4", "198.51.100.1")), s.connection());
        assertEquals(List.of(new Bandwidth("CT", 128)), s.bandwidths());
        assertEquals(List.of(new Timing(3724394400L, 3724398000L, List.of("604800 3600 0 90000")), Timing.PERMANENT),
                s.timings());
        assertEquals(Optional.of("2882844526 -1h 2898848070 0"), s.timeZones());
        assertEquals(Optional.of("prompt"), s.key());
        assertEquals(List.of(new UnknownLine('x', "an unknown line")), s.unknownLines());
        assertEquals(List.of(Attribute.of("recvonly"), Attribute.of("tool", "x")), s.attributes());
        assertEquals(3, s.media().size());

        MediaDescription video = s.media().get(2);
        assertEquals("video", video.media());
        assertEquals(51372, video.port());
        assertEquals(2, video.portCount().getAsInt());
        assertEquals(List.of("99"), video.formats());
        assertEquals(Optional.of("the video"), video.information());
        assertEquals(Optional.of(new Connection("IN", "IP6", "2001:db8::2")), video.connection());
        assertEquals(List.of(new Bandwidth("AS", 512)), video.bandwidths());
        assertEquals(Optional.of("clear:abc"), video.key());
        assertEquals(List.of(new UnknownLine('y', "another unknown")), video.unknownLines());
        assertEquals("h263-1998/90000", video.rtpMap(99).orElseThrow().encoding());
        assertEquals(Direction.RECVONLY, video.direction(), "falls back to the session level");
    }

    @Test
    void writesInRfcOrderWithCrlf() throws SdpParseException {
        assertEquals(RFC_EXAMPLE, SessionDescription.parse(RFC_EXAMPLE).encode());
        assertEquals(RFC_EXAMPLE, SessionDescription.parse(RFC_EXAMPLE).toString());
        assertArrayEquals(RFC_EXAMPLE.getBytes(StandardCharsets.UTF_8), SessionDescription.parse(RFC_EXAMPLE).toBytes());
    }

    @Test
    void linesOutOfOrderAreReorderedAndKept() throws SdpParseException {
        String shuffled = "v=0\r\ns=-\r\na=tool:x\r\nt=0 0\r\nc=IN IP4 192.0.2.1\r\no=- 1 1 IN IP4 192.0.2.1\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=ptime:20\r\nc=IN IP4 192.0.2.2\r\nb=AS:64\r\n";
        SessionDescription s = SessionDescription.parse(shuffled);
        assertEquals("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=tool:x\r\n"
                + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.2\r\nb=AS:64\r\na=ptime:20\r\n", s.encode());
        assertEquals(s, SessionDescription.parse(s.encode()));
    }

    @Test
    void toleratesSloppyButHarmlessInput() throws SdpParseException {
        String sloppy = "v=0\n\no=alice  2890844526   2890844526 IN IP4 192.0.2.101 \n"
                + "s=\t\nc=IN IP4 192.0.2.101\r\n\r\nt=0 0  \nm=audio  49172 RTP/AVP 0 8\t\na=rtpmap:0 PCMU/8000   \n";
        SessionDescription s = SessionDescription.parse(sloppy);
        assertEquals("2890844526", s.origin().sessionId());
        assertEquals("", s.sessionName());
        assertEquals(List.of("0", "8"), s.media().get(0).formats());
        assertEquals(Attribute.of("rtpmap", "0 PCMU/8000"), s.media().get(0).attributes().get(0));
        assertEquals("v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\ns= \r\nc=IN IP4 192.0.2.101\r\n"
                + "t=0 0\r\nm=audio 49172 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n", s.encode());
        assertEquals(s, SessionDescription.parse(s.encode()));
    }

    @Test
    void noTimingLineIsTolerated() throws SdpParseException {
        SessionDescription s = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\n");
        assertTrue(s.timings().isEmpty());
        assertFalse(s.encode().contains("t="));
    }

    @Test
    void attributeValuesAreKeptExactly() throws SdpParseException {
        SessionDescription s = SessionDescription.parse(
                "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=msid-semantic: WMS a b\r\na=x-empty:\r\n"
                        + "a=x-colons:a:b::c\r\na=X-Case\r\n");
        assertEquals(Optional.of(" WMS a b"), s.attribute("msid-semantic").orElseThrow().value());
        assertEquals(Optional.of(""), s.attribute("x-empty").orElseThrow().value());
        assertEquals(Optional.of("a:b::c"), s.attribute("x-colons").orElseThrow().value());
        assertTrue(s.hasAttribute("x-case"), "lookups ignore case");
        assertEquals("X-Case", s.attributes().get(3).name(), "but names are kept as written");
        assertTrue(s.encode().contains("a=msid-semantic: WMS a b\r\na=x-empty:\r\na=x-colons:a:b::c\r\na=X-Case\r\n"));
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsLatin1() throws SdpParseException {
        byte[] latin1 = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=Sesi\u00f3n\r\nt=0 0\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Sesi\u00f3n", SessionDescription.parse(latin1).sessionName());
        byte[] utf8 = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=Sesi\u00f3n \u260e\r\nt=0 0\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("Sesi\u00f3n \u260e", SessionDescription.parse(utf8).sessionName());
    }

    @Test
    void parsesASliceOfABuffer() throws SdpParseException {
        byte[] body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[body.length + 20];
        System.arraycopy(body, 0, message, 10, body.length);
        assertEquals(SessionDescription.parse(body), SessionDescription.parse(message, 10, body.length));
        assertThrows(IndexOutOfBoundsException.class, () -> SessionDescription.parse(message, 10, message.length));
    }

    @Test
    void builderMakesADescriptionThatParsesBack() throws SdpParseException {
        MediaDescription audio = MediaDescription.builder("audio", 40000, "RTP/AVP").payloadTypes(8, 0, 101)
                .addAttribute(RtpMap.of(8, Codec.PCMA).toAttribute()).addAttribute(RtpMap.of(0, Codec.PCMU).toAttribute())
                .addAttribute(RtpMap.of(101, Codec.TELEPHONE_EVENT).toAttribute()).addAttribute("fmtp", "101 0-16")
                .addAttribute("ptime", "20").direction(Direction.SENDRECV).build();
        SessionDescription s = SessionDescription.builder().origin(Origin.of("tabphone", 42, 1, "192.0.2.10"))
                .connection(Connection.of("192.0.2.10")).addMedia(audio).build();
        assertEquals("v=0\r\no=tabphone 42 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n", s.encode());
        assertEquals(s, SessionDescription.parse(s.encode()));
        assertThrows(IllegalStateException.class, () -> SessionDescription.builder().build(), "origin required");
    }

    @Test
    void toBuilderDerivesAChangedCopy() throws SdpParseException {
        SessionDescription offer = SdpCorpus.parse("sip-phone/deskphone-offer-pcmu-pcma-dtmf.sdp");
        SessionDescription next = offer.toBuilder().origin(offer.origin().withNextVersion())
                .editMedia(m -> m.toBuilder().direction(Direction.SENDONLY).build()).build();
        assertEquals("1732650002", next.origin().sessionVersion());
        assertEquals(Direction.SENDONLY, next.media().get(0).direction());
        assertEquals(Direction.SENDRECV, offer.media().get(0).direction(), "the original is unchanged");
        assertEquals(next, SessionDescription.parse(next.encode()));
        assertEquals(offer.media().get(0).attributes().size(), next.media().get(0).attributes().size(),
                "the direction attribute was replaced in place");
    }

    @Test
    void mediaSeesTheSessionLevelOfTheDescriptionItIsPutInto() {
        MediaDescription m = MediaDescription.builder("audio", 1, "UDP/TLS/RTP/SAVPF").formats("111").build();
        assertTrue(m.fingerprint().isEmpty());
        SessionDescription s = SessionDescription.builder().origin(Origin.of("-", 1, 1, "192.0.2.1"))
                .addAttribute(new Fingerprint("sha-256", "AA:BB").toAttribute()).addAttribute("ice-ufrag", "u")
                .addAttribute("sendonly", null).addMedia(m).build();
        MediaDescription bound = s.media().get(0);
        assertEquals(m, bound, "the session link is not part of equality");
        assertEquals("AA:BB", bound.fingerprint().orElseThrow().value());
        assertEquals(Optional.of("u"), bound.iceUfrag());
        assertEquals(Direction.SENDONLY, bound.direction());
        SessionDescription changed = s.toBuilder().direction(null).build();
        assertEquals(Direction.SENDRECV, changed.media().get(0).direction(), "rebound to the new session level");
    }

    @Test
    void groupsAndIceLite() throws SdpParseException {
        SessionDescription s = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
                + "a=ice-lite\r\na=group:LS a\r\na=group:BUNDLE  a   v\r\n");
        assertTrue(s.isIceLite());
        assertEquals(List.of("a", "v"), s.bundleGroup());
        assertEquals(Optional.of(List.of("a")), s.group("LS"));
        assertEquals(Optional.empty(), s.group("FID"));
    }

    // ---- malformed input: SdpParseException with a line number and a clear reason ----

    @Test
    void missingVersionOriginOrName() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SessionDescription.parse("o=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n"));
        assertEquals(1, e.lineNumber());
        assertTrue(e.reason().contains("must start with a v= line"), e.getMessage());

        e = assertThrows(SdpParseException.class, () -> SessionDescription.parse("v=0\r\ns=-\r\nt=0 0\r\n"));
        assertEquals(0, e.lineNumber());
        assertEquals("missing o= line (origin)", e.getMessage());

        e = assertThrows(SdpParseException.class, () -> SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n"));
        assertEquals("missing s= line (session name)", e.getMessage());

        e = assertThrows(SdpParseException.class, () -> SessionDescription.parse(""));
        assertTrue(e.getMessage().contains("no v= line"), e.getMessage());
        assertThrows(SdpParseException.class, () -> SessionDescription.parse("\r\n \r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m=audio 65536 RTP/AVP 0", "m=audio -1 RTP/AVP 0", "m=audio x RTP/AVP 0",
            "m=audio 4000/0 RTP/AVP 0", "m=audio 4000/ RTP/AVP 0", "m=audio 99999999999999999999 RTP/AVP 0",
            "m=audio 4000", "m=", "m=audio 4000/x RTP/AVP 0"})
    void badMediaLine(String mLine) {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + mLine + "\r\n"));
        assertEquals(5, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line 5: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=x", "v=0\r\nv=0", "v=0\r\no=- 1 1 IN IP4", "v=0\r\no=- 1 1 IN IP4 a b", "v=0\r\no=a\r\no=b",
        "v=0\r\nc=IN IP4", "v=0\r\nb=AS", "v=0\r\nb=AS:x", "v=0\r\nb=:5", "v=0\r\nt=0", "v=0\r\nt=a b",
        "v=0\r\nt=0 0 0", "v=0\r\nr=1 2 3", "v=0\r\nt=0 0\r\nr=1", "v=0\r\na=", "v=0\r\na=:x", "v=0\r\na=bad name",
        "v=0\r\ns=a\r\ns=b", "v=0\r\nc=IN IP4 a\r\nc=IN IP4 b", "v=0\r\nm=audio 0 RTP/AVP 0\r\nt=0 0",
        "v=0\r\nm=audio 0 RTP/AVP 0\r\no=- 1 1 IN IP4 0.0.0.0", "v=0\r\nm=audio 0 RTP/AVP 0\r\ni=a\r\ni=b",
        "v=0\r\nnot a line", "v=0\r\nA=upper", "v=0\r\n1=digit", "v=0\r\n=x", "v=0\r\ns", "v=0\r\nx=a\u0000b",
        "v=0\r\ns=a\rb", "\u00efv=0", " v=0"})
    void malformedLines(String text) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SessionDescription.parse(text + "\r\n"));
        assertTrue(e.lineNumber() >= 1, e.getMessage());
        assertTrue(e.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7F), e.getMessage());
    }

    @Test
    void sizeLimits() {
        String head = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
        StringBuilder many = new StringBuilder(head);
        for (int i = 0; i < SessionDescription.MAX_LINES; i++) {
            many.append("a=x\r\n");
        }
        SdpParseException e = assertThrows(SdpParseException.class, () -> SessionDescription.parse(many.toString()));
        assertTrue(e.getMessage().contains("more than 1000 lines"), e.getMessage());
        assertEquals(SessionDescription.MAX_LINES + 1, e.lineNumber());

        String big = head + "a=x:" + "y".repeat(SessionDescription.MAX_BYTES) + "\r\n";
        e = assertThrows(SdpParseException.class, () -> SessionDescription.parse(big));
        assertTrue(e.getMessage().contains("larger than 65536 bytes"), e.getMessage());
        assertThrows(SdpParseException.class, () -> SessionDescription.parse(big.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void justUnderTheLimitsParses() throws SdpParseException {
        String head = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
        StringBuilder sb = new StringBuilder(head);
        for (int i = 4; i < SessionDescription.MAX_LINES; i++) {
            sb.append("a=x\r\n");
        }
        sb.append("\r\n\r\n"); // blank lines do not count
        assertEquals(SessionDescription.MAX_LINES - 4, SessionDescription.parse(sb.toString()).attributes().size());
        String oneLong = head + "a=x:" + "y".repeat(SessionDescription.MAX_BYTES - head.length() - 6) + "\r\n";
        assertEquals(SessionDescription.MAX_BYTES, oneLong.length());
        SessionDescription.parse(oneLong.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void errorMessagesQuoteTheLineSafely() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nm=audio 70000 RTP/AVP \u00e9" + "0".repeat(200)));
        assertTrue(e.getMessage().startsWith("line 4: invalid port in m= line: 'm=audio 70000 RTP/AVP ?000"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}
