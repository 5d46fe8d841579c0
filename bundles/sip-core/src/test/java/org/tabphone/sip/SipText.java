package org.tabphone.sip;

import java.nio.charset.StandardCharsets;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;

/** Test helpers: messages written as lines, joined with CRLF. */
public final class SipText {
    public static final String INVITE = String.join("\r\n",
            "INVITE sip:bob@biloxi.example.com SIP/2.0",
            "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK776asdhds;rport",
            "Max-Forwards: 70",
            "To: Bob <sip:bob@biloxi.example.com>",
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>",
            "Content-Type: application/sdp",
            "Content-Length: 4",
            "",
            "v=0\n");

    public static final String OPTIONS = String.join("\r\n",
            "OPTIONS sip:carol@chicago.example.com SIP/2.0",
            "Via: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877",
            "Max-Forwards: 70",
            "To: <sip:carol@chicago.example.com>",
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710",
            "CSeq: 63104 OPTIONS",
            "Content-Length: 0",
            "", "");

    private SipText() {
    }

    /** The lines joined with CRLF, plus the CRLF ending the last one. */
    public static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    public static SipMessage parse(String s) throws SipParseException {
        byte[] b = utf8(s);
        return SipMessages.parse(b, 0, b.length);
    }

    public static SipRequest request(String s) throws SipParseException {
        return (SipRequest) parse(s);
    }

    public static SipResponse response(String s) throws SipParseException {
        return (SipResponse) parse(s);
    }

    /** The message with one header line replaced (matched by its text up to the colon) or removed (null). */
    public static String withHeader(String message, String name, String line) {
        StringBuilder sb = new StringBuilder();
        boolean done = false;
        String[] parts = message.split("\r\n", -1);
        boolean inHeaders = true;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (inHeaders && p.isEmpty() && i > 0) {
                inHeaders = false;
            }
            if (inHeaders && i > 0 && !done && p.startsWith(name + ":")) {
                done = true;
                if (line != null) {
                    sb.append(line).append("\r\n");
                }
                continue;
            }
            sb.append(p);
            if (i < parts.length - 1) {
                sb.append("\r\n");
            }
        }
        if (!done) {
            throw new IllegalArgumentException("No header " + name);
        }
        return sb.toString();
    }
}
