package org.tabphone.sip.internal.parse;

import java.util.List;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.uri.Uri;

/**
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1):
 * {@code [ display-name ] LAQUOT addr-spec RAQUOT} or a bare addr-spec, then {@code *(SEMI param)}.
 *
 * <p>Choices where RFC 4475 lets an element be liberal: an unquoted display name must be tokens
 * (baddn is rejected), nothing but the URI may be inside {@code <>} (badaspec is rejected), and a bare
 * addr-spec ends at the first ';', ',' or whitespace, so its ';' parameters are header parameters
 * (cparam01) and a '?' in it is refused as RFC 3261 §20.10 requires {@code <>} then (regbadct).
 */
public final class NameAddrParser {
    private NameAddrParser() {
    }

    /** Parses one element given through the API. */
    public static NameAddress parseNameAddrValue(String value) throws SipParseException {
        ByteScanner s = ByteScanner.ofApiValue(value);
        NameAddress a = parseNameAddr(s, false, true, ParamsParser.Rule.GENERIC);
        s.skipLws();
        if (!s.atEnd()) {
            throw s.error("unexpected character after address");
        }
        return a;
    }

    /** A single-valued address header (From, To): exactly one element; null when not building. */
    static NameAddress parseSingle(ByteScanner s, boolean build) throws SipParseException {
        s.skipLws();
        if (s.atEnd()) {
            throw s.error("empty value");
        }
        NameAddress a = parseNameAddr(s, false, build, ParamsParser.Rule.GENERIC);
        s.skipLws();
        if (!s.atEnd()) {
            throw s.error(s.peek() == ',' ? "more than one address" : "unexpected character after address");
        }
        return a;
    }

    /**
     * A comma-separated list of addresses (Contact, Route, Record-Route) into {@code out}.
     *
     * @param out          where to add the addresses, or null to validate only
     * @param nameAddrOnly whether each must be a name-addr ({@code <>}), as Route and Record-Route are
     */
    static void parseList(ByteScanner s, List<NameAddress> out, boolean nameAddrOnly, ParamsParser.Rule rule)
            throws SipParseException {
        do {
            s.skipLws();
            if (s.atEnd() || s.peek() == ',') {
                throw s.error("empty value");
            }
            NameAddress a = parseNameAddr(s, nameAddrOnly, out != null, rule);
            if (out != null) {
                out.add(a);
            }
        } while (s.skipLwsAnd(','));
        if (!s.atEnd()) {
            throw s.error("unexpected character after address");
        }
    }

    /** One address and its parameters; the cursor is left after the last parameter. Null when not building. */
    static NameAddress parseNameAddr(ByteScanner s, boolean nameAddrOnly, boolean build, ParamsParser.Rule rule)
            throws SipParseException {
        s.skipLws();
        String display = null;
        Uri uri;
        int c = s.peek();
        if (c == '"') {
            if (build) {
                display = s.quotedString();
            } else {
                s.skipQuotedString();
            }
            s.skipLws();
            if (s.peek() != '<') {
                throw s.error("expected '<' after display name");
            }
            uri = parseBracketedUri(s, build);
        } else if (c == '<') {
            uri = parseBracketedUri(s, build);
        } else {
            int mark = s.pos();
            int lastTokenEnd = -1;
            while (true) {
                int t = s.scan(CharClass.TOKEN);
                if (s.pos() == t) {
                    break;
                }
                lastTokenEnd = s.pos();
                s.skipLws();
            }
            if (lastTokenEnd > 0 && s.peek() == '<') {
                display = build ? displayNameTokens(s, mark, lastTokenEnd) : null;
                uri = parseBracketedUri(s, build);
            } else {
                boolean badDisplayName = lastTokenEnd > 0 && s.peek() != ':' && hasAngleBracketAfter(s);
                s.pos(mark);
                if (badDisplayName) {
                    throw s.error("display name must be quoted or tokens");
                }
                if (nameAddrOnly) {
                    throw s.error("address must be in <>");
                }
                uri = parseAddrSpec(s, build);
            }
        }
        Parameters params = ParamsParser.parseGenericParams(s, build, rule);
        return build ? NameAddress.of(display, uri, params) : null;
    }

    /** LAQUOT addr-spec RAQUOT: the URI fills the brackets exactly (no whitespace inside). */
    private static Uri parseBracketedUri(ByteScanner s, boolean build) throws SipParseException {
        s.advance(); // '<'
        byte[] b = s.buf();
        int start = s.pos();
        int gt = StartLineParser.indexOf(b, start, s.end(), (byte) '>');
        if (gt < 0) {
            throw s.error("missing '>'");
        }
        s.pos(gt + 1);
        try {
            return UriParser.parseUri(b, start, gt, build);
        } catch (SipParseException e) {
            // no URI has whitespace, so look for it only to say what was wrong (RFC 4475 badaspec)
            for (int i = start; i < gt; i++) {
                if (CharClass.isLws(b[i])) {
                    throw s.error("whitespace inside <>");
                }
            }
            throw e;
        }
    }

    /** A bare addr-spec: up to ';', ',', whitespace or the end. */
    private static Uri parseAddrSpec(ByteScanner s, boolean build) throws SipParseException {
        byte[] b = s.buf();
        int start = s.pos();
        int p = start;
        while (p < s.end() && b[p] != ';' && b[p] != ',' && !CharClass.isLws(b[p])) {
            if (b[p] == '?') {
                throw s.error("URI with '?' must be in <>");
            }
            p++;
        }
        s.pos(p);
        return UriParser.parseUri(b, start, p, build);
    }

    private static boolean hasAngleBracketAfter(ByteScanner s) {
        return StartLineParser.indexOf(s.buf(), s.pos(), s.end(), (byte) '<') >= 0;
    }

    /** display-name = *(token LWS): the tokens joined by single spaces. */
    private static String displayNameTokens(ByteScanner s, int from, int to) {
        byte[] b = s.buf();
        StringBuilder sb = new StringBuilder(to - from);
        boolean space = false;
        for (int i = from; i < to; i++) {
            if (CharClass.isLws(b[i])) {
                space = true;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append((char) b[i]);
            }
        }
        return sb.toString();
    }
}
