package org.tabphone.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;

/**
 * Feeds arbitrary octets to {@link SipMessages#parse} and {@link SipMessages#frame}. The only
 * acceptable failure is a {@link SipParseException} with a usable status and reason; a message that
 * parses must be writable, every lazily parsed header must be readable, and what is written must
 * parse again to the same start line, Call-ID and body.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds (and any regression inputs) in
 * {@code SipMessageParserFuzzTestInputs/parseAndFrame} as a unit test; the pom's {@code bounded-fuzz}
 * execution fuzzes it for 30 s (bench/README.md has the long-run command).
 */
class SipMessageParserFuzzTest {
    private static final SipLimits LIMITS = new SipLimits(1024, 4096, 64, 4096);

    @FuzzTest(maxDuration = "30s")
    // libFuzzer dictionary syntax needs \x0D\x0A for CRLF, which @DictionaryEntries does not escape
    @DictionaryFile(resourcePath = "sip.dict")
    void parseAndFrame(byte[] data) {
        frame(data);
        SipMessage m;
        try {
            m = SipMessages.parse(data, 0, data.length, LIMITS);
        } catch (SipParseException e) {
            checkError(e);
            return;
        }
        readEverything(m);
        byte[] written = m.toBytes();
        assertEquals(written.length, m.encodedLength());
        SipMessage again;
        try {
            again = SipMessages.parse(written, 0, written.length);
        } catch (SipParseException e) {
            throw new AssertionError("Written message does not parse: " + e.getMessage(), e);
        }
        assertEquals(startLine(m), startLine(again));
        assertEquals(m.callId(), again.callId());
        assertArrayEquals(m.body(), again.body());
        assertArrayEquals(written, again.toBytes(), "writing is idempotent");
        byte[] rebuilt = m instanceof SipRequest r ? r.toBuilder().build().toBytes()
                : ((SipResponse) m).toBuilder().build().toBytes();
        assertArrayEquals(written, rebuilt, "an unedited builder writes the same message");
    }

    private static void frame(byte[] data) {
        try {
            int n = SipMessages.frame(data, 0, data.length, LIMITS);
            assertTrue(n == -1 || (n > 0 && n <= data.length), "frame length " + n);
        } catch (SipParseException e) {
            checkError(e);
        }
    }

    private static void checkError(SipParseException e) {
        assertTrue(e.statusCode() >= 400 && e.statusCode() <= 699, e.getMessage());
        assertTrue(!e.reason().isEmpty() && e.reason().length() <= 100, e.getMessage());
        assertTrue(e.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7F), e.getMessage());
    }

    private static void readEverything(SipMessage m) {
        m.vias().forEach(v -> v.branch().ifPresent(String::length));
        if (m.topVia() != null) {
            m.topVia().isRfc3261Branch();
        }
        if (m.from() != null) {
            m.from().tag();
        }
        if (m.to() != null) {
            m.to().uri().toString();
        }
        m.contacts().forEach(c -> c.toString());
        m.routes().forEach(r -> r.uri().toString());
        m.recordRoutes().forEach(r -> r.params().toString());
        m.maxForwards();
        m.cseq();
        m.isWildcardContact();
        m.contentType();
        for (Header h : m.headers()) {
            m.headers(h.name());
        }
        m.header(HeaderName.of("X-Not-There"));
    }

    private static String startLine(SipMessage m) {
        return m instanceof SipRequest r ? r.method() + " " + r.requestUri()
                : ((SipResponse) m).statusCode() + " " + ((SipResponse) m).reasonPhrase();
    }
}
