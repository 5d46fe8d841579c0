package org.tabphone.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 4475 §3.1.2: syntactically invalid messages are rejected with the status a UAS answers and a
 * reason that says what was wrong; broken responses are flagged so they are dropped, not answered.
 *
 * <p>Where the RFC lets an element be liberal, our choices are:
 * <ul>
 *   <li>lwsstart (§3.1.2.9), trws (§3.1.2.10): we reject extra whitespace in the Request-Line
 *       instead of tolerating it: exactly one SP separates the elements;</li>
 *   <li>escruri (§3.1.2.11): we reject a Request-URI with a headers component rather than ignoring
 *       the headers, so nothing downstream can ever act on them;</li>
 *   <li>baddate (§3.1.2.12): we reject a Date that is not in GMT rather than ignoring the header;</li>
 *   <li>regbadct (§3.1.2.13): we reject a '?' in an addr-spec outside {@code <>} (RFC 3261 §20.10)
 *       rather than reading it as header parameters;</li>
 *   <li>badaspec (§3.1.2.14): we reject whitespace inside {@code <>};</li>
 *   <li>baddn (§3.1.2.15): we reject an unquoted display name with non-token characters;</li>
 *   <li>mismatch02 (§3.1.2.18): an unknown method with a mismatched CSeq gets 501, as an unknown
 *       method would; a known one (mismatch01) gets 400;</li>
 *   <li>clerr (§3.1.2.2): a datagram shorter than its Content-Length is a 400 (over a stream the
 *       framer waits for more octets instead).</li>
 * </ul>
 */
class SipMessagesTortureRejectTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            badinv01.dat   | 400 | Bad Via header: empty parameter                     | false
            clerr.dat      | 400 | Content-Length larger than the message              | false
            ncl.dat        | 400 | Bad Content-Length header: negative value           | false
            scalar02.dat   | 400 | Bad CSeq header: sequence number too large          | false
            scalarlg.dat   | 400 | Bad CSeq header: sequence number too large          | true
            quotbal.dat    | 400 | Bad To header: unterminated quoted string           | false
            ltgtruri.dat   | 400 | Bad Request-URI: URI must not be in <> here         | false
            lwsruri.dat    | 400 | Bad Request-Line: whitespace inside the Request-URI | false
            lwsstart.dat   | 400 | Bad Request-Line: more than one SP between elements | false
            trws.dat       | 400 | Bad Request-Line: whitespace after SIP-Version      | false
            escruri.dat    | 400 | Bad Request-URI: headers are not allowed            | false
            baddate.dat    | 400 | Bad Date header: time zone must be GMT              | false
            regbadct.dat   | 400 | Bad Contact header: URI with '?' must be in <>      | false
            badaspec.dat   | 400 | Bad To header: whitespace inside <>                 | false
            baddn.dat      | 400 | Bad From header: display name must be quoted or tokens | false
            badvers.dat    | 505 | SIP version not supported                           | false
            mismatch01.dat | 400 | CSeq method does not match the request method       | false
            mismatch02.dat | 501 | Unknown method with a mismatched CSeq method        | false
            bigcode.dat    | 400 | Bad Status-Line: status code is not 3 digits        | true
            extra/test.dat | 400 | Bad Request-Line: no SIP-Version                    | false
            """)
    void rfc4475_3_1_2_rejectsInvalidMessage(String file, int status, String reason, boolean isResponse) {
        byte[] b = TortureCorpus.bytes(file);
        SipParseException e = assertThrows(SipParseException.class, () -> SipMessages.parse(b, 0, b.length));
        assertEquals(status, e.statusCode(), e.getMessage());
        assertEquals(reason, e.reason());
        assertEquals(isResponse, e.isResponse());
        assertTrue(e.reason().length() <= 100 && e.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7F));
    }
}
