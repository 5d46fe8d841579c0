package org.tabphone.sip.internal.parse;

import java.util.List;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;

/**
 * Via (RFC 3261 §20.42, §25.1): {@code via-parm *(COMMA via-parm)},
 * via-parm = sent-protocol LWS sent-by *( SEMI via-params ), sent-protocol = name SLASH version
 * SLASH transport, where SLASH, SEMI, EQUAL and COLON allow whitespace and folds around them
 * (RFC 4475 wsinv). Any token is a valid transport (transports.dat).
 */
public final class ViaParser {
    private ViaParser() {
    }

    /** Parses a whole Via header value (one or more via-parms) into {@code out}, or only validates it if null. */
    static void parseVia(ByteScanner s, List<Via> out) throws SipParseException {
        do {
            s.skipLws();
            if (s.atEnd() || s.peek() == ',') {
                throw s.error("empty value");
            }
            Via via = parseViaParm(s, out != null);
            if (out != null) {
                out.add(via);
            }
        } while (s.skipLwsAnd(','));
        if (!s.atEnd()) {
            throw s.error("unexpected character after via-parm");
        }
    }

    /** Parses one via-parm given through the API. */
    public static Via parseViaParm(String value) throws SipParseException {
        ByteScanner s = ByteScanner.ofApiValue(value);
        s.skipLws();
        Via via = parseViaParm(s, true);
        s.skipLws();
        if (!s.atEnd()) {
            throw s.error("unexpected character after via-parm");
        }
        return via;
    }

    /** via-parm; the cursor is at its first octet and ends after its last parameter. Null when not building. */
    static Via parseViaParm(ByteScanner s, boolean build) throws SipParseException {
        int nameStart = s.scan(CharClass.TOKEN);
        int nameEnd = nonEmpty(s, nameStart, "protocol name");
        s.skipLws();
        s.expect('/', "'/' in sent-protocol");
        s.skipLws();
        int versionStart = s.scan(CharClass.TOKEN);
        int versionEnd = nonEmpty(s, versionStart, "protocol version");
        s.skipLws();
        s.expect('/', "'/' in sent-protocol");
        s.skipLws();
        int transportStart = s.scan(CharClass.TOKEN);
        int transportEnd = nonEmpty(s, transportStart, "transport");
        if (!s.skipLws()) {
            throw s.error("expected whitespace before sent-by");
        }
        int hostStart = s.pos();
        if (s.peek() == '[') {
            s.pos(UriParser.parseIpv6Reference(s.buf(), hostStart, s.end()));
        } else {
            s.scan(CharClass.HOST);
        }
        int hostEnd = s.pos();
        if (hostEnd == hostStart) {
            throw s.error("missing sent-by host");
        }
        int port = -1;
        if (s.skipLwsAnd(':')) {
            s.skipLws();
            int portStart = s.scan(CharClass.DIGIT);
            port = UriParser.parsePort(s.buf(), portStart, s.pos());
        } else {
            s.pos(hostEnd);
        }
        Parameters params = ParamsParser.parseGenericParams(s, build, ParamsParser.Rule.VIA);
        if (!build) {
            return null;
        }
        return Via.of(shared(s, nameStart, nameEnd, "SIP"), shared(s, versionStart, versionEnd, "2.0"),
                shared(s, transportStart, transportEnd, TRANSPORTS), s.ascii(hostStart, hostEnd), port, params);
    }

    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "WS", "WSS", "SCTP"};

    private static int nonEmpty(ByteScanner s, int start, String what) throws SipParseException {
        if (s.pos() == start) {
            throw s.error(what + (s.atEnd() ? " is missing" : " is not a token"));
        }
        return s.pos();
    }

    /** The token as a String, shared with a constant when it is one of {@code known}. */
    private static String shared(ByteScanner s, int from, int to, String... known) {
        for (String k : known) {
            if (s.regionEquals(from, to, k)) {
                return k;
            }
        }
        return s.ascii(from, to);
    }
}
