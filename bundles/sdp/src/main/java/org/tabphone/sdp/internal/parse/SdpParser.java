package org.tabphone.sdp.internal.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tabphone.sdp.api.Attribute;
import org.tabphone.sdp.api.Bandwidth;
import org.tabphone.sdp.api.Connection;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.Origin;
import org.tabphone.sdp.api.SdpParseException;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sdp.api.Timing;
import org.tabphone.sdp.api.UnknownLine;

/**
 * The RFC 8866 §9 grammar, line by line. Methods are named after the ABNF rules they read
 * ({@code parseOriginField}, {@code parseMediaField}, ...).
 *
 * <p>Lenient: LF or CRLF line endings, trailing spaces/tabs, blank lines, runs of spaces between
 * fields, any line order inside a level, no {@code t=}. Strict: {@code v=} first and a number,
 * {@code o=} and {@code s=} present once, well-formed {@code o= c= b= t= r= m=} lines, ports
 * 0-65535, no NUL or bare CR, at most {@link SessionDescription#MAX_BYTES} and
 * {@link SessionDescription#MAX_LINES}. Lines of a type RFC 8866 does not define are kept; a
 * session-only type inside a media description is an error.
 */
public final class SdpParser {
    private static final int EXCERPT = 60;

    private final String text;
    private int lineNumber;
    private String currentLine = "";

    private final SessionDescription.Builder session = SessionDescription.builder();
    private final List<Timing> timings = new ArrayList<>(1);
    private final List<MediaDescription> media = new ArrayList<>(3);
    private final List<String> emails = new ArrayList<>(0);
    private final List<String> phones = new ArrayList<>(0);
    private final List<Bandwidth> sessionBandwidths = new ArrayList<>(0);
    private final List<Attribute> sessionAttributes = new ArrayList<>();
    private final List<UnknownLine> sessionUnknown = new ArrayList<>(0);
    private long timingStart = -1;
    private long timingStop;
    private List<String> repeats;

    private boolean sawVersion;
    private boolean sawOrigin;
    private boolean sawName;
    private boolean sawInformation;
    private boolean sawUri;
    private boolean sawConnection;
    private boolean sawZone;
    private boolean sawKey;

    private MediaDescription.Builder current;
    private boolean mediaSawInformation;
    private boolean mediaSawKey;
    private final List<Connection> mediaConnections = new ArrayList<>(1);
    private final List<Bandwidth> mediaBandwidths = new ArrayList<>(1);
    private final List<Attribute> mediaAttributes = new ArrayList<>();
    private final List<UnknownLine> mediaUnknown = new ArrayList<>(0);

    private SdpParser(String text) {
        this.text = text;
    }

    public static SessionDescription parse(String text) throws SdpParseException {
        Objects.requireNonNull(text);
        if (text.length() > SessionDescription.MAX_BYTES) {
            throw new SdpParseException("SDP larger than " + SessionDescription.MAX_BYTES + " bytes", 0);
        }
        return new SdpParser(text).parseSessionDescription();
    }

    public static SessionDescription parse(byte[] bytes, int offset, int length) throws SdpParseException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > SessionDescription.MAX_BYTES) {
            throw new SdpParseException("SDP larger than " + SessionDescription.MAX_BYTES + " bytes", 0);
        }
        return parse(decode(bytes, offset, length));
    }

    /** UTF-8 (RFC 8866 §5.2 default charset); ISO-8859-1, which maps every byte, when it is not valid UTF-8. */
    private static String decode(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    private SessionDescription parseSessionDescription() throws SdpParseException {
        int n = text.length();
        int pos = 0;
        int count = 0;
        while (pos < n) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            lineNumber++;
            int e = end;
            while (e > pos && (SdpChars.isSpace(text.charAt(e - 1)) || text.charAt(e - 1) == '\r')) {
                e--;
            }
            int start = pos;
            pos = end + 1;
            if (e == start) {
                continue; // blank line
            }
            if (++count > SessionDescription.MAX_LINES) {
                throw new SdpParseException("more than " + SessionDescription.MAX_LINES + " lines", lineNumber);
            }
            currentLine = text.substring(start, e);
            try {
                parseLine();
            } catch (IllegalArgumentException | IllegalStateException ex) {
                // the API's validation refused a value the grammar above let through: still a parse error
                throw error(ex.getMessage());
            }
        }
        if (!sawVersion) {
            throw new SdpParseException("empty SDP: no v= line", 0);
        }
        if (!sawOrigin) {
            throw new SdpParseException("missing o= line (origin)", 0);
        }
        if (!sawName) {
            throw new SdpParseException("missing s= line (session name)", 0);
        }
        try {
            endTiming();
            endMedia();
            return session.emails(emails).phones(phones).bandwidths(sessionBandwidths).timings(timings)
                    .attributes(sessionAttributes).unknownLines(sessionUnknown).media(media).build();
        } catch (IllegalArgumentException | IllegalStateException ex) {
            throw new SdpParseException(ex.getMessage(), 0);
        }
    }

    private void parseLine() throws SdpParseException {
        String line = currentLine;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == 0 || c == '\r') {
                throw error(c == 0 ? "NUL character" : "CR inside a line");
            }
        }
        if (line.length() < 2 || line.charAt(1) != '=') {
            throw error("expected <type>=<value>");
        }
        char type = line.charAt(0);
        if (type < 'a' || type > 'z') {
            throw error("line type must be a lower-case letter");
        }
        String value = line.substring(2);
        if (!sawVersion) {
            if (type != 'v') {
                throw error("SDP must start with a v= line");
            }
            parseProtoVersion(value);
            return;
        }
        if (current == null) {
            parseSessionLine(type, value);
        } else {
            parseMediaLine(type, value);
        }
    }

    // proto-version = %s"v" "=" 1*DIGIT CRLF
    private void parseProtoVersion(String value) throws SdpParseException {
        int v = SdpChars.parseUnsigned(value, Integer.MAX_VALUE);
        if (v < 0) {
            throw error("v= must be a number");
        }
        session.version(v);
        sawVersion = true;
    }

    private void parseSessionLine(char type, String value) throws SdpParseException {
        switch (type) {
            case 'v':
                throw error("second v= line");
            case 'o':
                once(sawOrigin, type);
                sawOrigin = true;
                session.origin(parseOriginField(value));
                break;
            case 's':
                once(sawName, type);
                sawName = true;
                session.sessionName(value);
                break;
            case 'i':
                once(sawInformation, type);
                sawInformation = true;
                session.information(value);
                break;
            case 'u':
                once(sawUri, type);
                sawUri = true;
                session.uri(value);
                break;
            case 'e':
                emails.add(value);
                break;
            case 'p':
                phones.add(value);
                break;
            case 'c':
                once(sawConnection, type);
                sawConnection = true;
                session.connection(parseConnectionField(value));
                break;
            case 'b':
                sessionBandwidths.add(parseBandwidthField(value));
                break;
            case 't':
                endTiming();
                parseTimeField(value);
                break;
            case 'r':
                if (timingStart < 0) {
                    throw error("r= line without a t= line before it");
                }
                if (SdpChars.fields(value).length < 3) {
                    throw error("r= needs an interval, a duration and offsets");
                }
                repeats.add(value);
                break;
            case 'z':
                once(sawZone, type);
                sawZone = true;
                session.timeZones(value);
                break;
            case 'k':
                once(sawKey, type);
                sawKey = true;
                session.key(value);
                break;
            case 'a':
                sessionAttributes.add(parseAttribute(value));
                break;
            case 'm':
                startMedia(value);
                break;
            default:
                sessionUnknown.add(new UnknownLine(type, value));
                break;
        }
    }

    private void parseMediaLine(char type, String value) throws SdpParseException {
        switch (type) {
            case 'm':
                endMedia();
                startMedia(value);
                break;
            case 'i':
                once(mediaSawInformation, type);
                mediaSawInformation = true;
                current.information(value);
                break;
            case 'c':
                mediaConnections.add(parseConnectionField(value));
                break;
            case 'b':
                mediaBandwidths.add(parseBandwidthField(value));
                break;
            case 'k':
                once(mediaSawKey, type);
                mediaSawKey = true;
                current.key(value);
                break;
            case 'a':
                mediaAttributes.add(parseAttribute(value));
                break;
            default:
                if (UnknownLine.isKnownType(type)) {
                    throw error(type + "= line not allowed in a media description");
                }
                mediaUnknown.add(new UnknownLine(type, value));
                break;
        }
    }

    // origin-field = %s"o" "=" username SP sess-id SP sess-version SP nettype SP addrtype SP unicast-address CRLF
    private Origin parseOriginField(String value) throws SdpParseException {
        String[] f = SdpChars.fields(value);
        if (f.length != 6) {
            throw error("o= needs 6 fields: username sess-id sess-version nettype addrtype address");
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    // connection-field = %s"c" "=" nettype SP addrtype SP connection-address CRLF
    private Connection parseConnectionField(String value) throws SdpParseException {
        String[] f = SdpChars.fields(value);
        if (f.length != 3) {
            throw error("c= needs 3 fields: nettype addrtype address");
        }
        return new Connection(f[0], f[1], f[2]);
    }

    // bandwidth-field = %s"b" "=" bwtype ":" bandwidth CRLF
    private Bandwidth parseBandwidthField(String value) throws SdpParseException {
        int colon = value.indexOf(':');
        String type = colon < 0 ? "" : value.substring(0, colon);
        long bw = colon < 0 ? -1 : SdpChars.parseUnsigned(value.substring(colon + 1));
        if (!SdpChars.isAttributeName(type) || bw < 0) {
            throw error("b= must be <bwtype>:<number>");
        }
        return new Bandwidth(type, bw);
    }

    // time-fields = 1*( %s"t" "=" start-time SP stop-time *(CRLF repeat-fields) CRLF ) [zone-adjustments CRLF]
    private void parseTimeField(String value) throws SdpParseException {
        String[] f = SdpChars.fields(value);
        long start = f.length == 2 ? SdpChars.parseUnsigned(f[0]) : -1;
        long stop = f.length == 2 ? SdpChars.parseUnsigned(f[1]) : -1;
        if (start < 0 || stop < 0) {
            throw error("t= must be two numbers: <start-time> <stop-time>");
        }
        timingStart = start;
        timingStop = stop;
        repeats = new ArrayList<>(0);
    }

    private void endTiming() {
        if (timingStart >= 0) {
            timings.add(new Timing(timingStart, timingStop, repeats));
            timingStart = -1;
        }
    }

    // attribute = (attribute-name ":" attribute-value) / attribute-name
    private Attribute parseAttribute(String value) throws SdpParseException {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (!SdpChars.isAttributeName(name)) {
            throw error("bad attribute name");
        }
        return colon < 0 ? Attribute.of(name) : Attribute.of(name, value.substring(colon + 1));
    }

    // media-field = %s"m" "=" media SP port ["/" integer] SP proto 1*(SP fmt) CRLF
    private void startMedia(String value) throws SdpParseException {
        endTiming();
        String[] f = SdpChars.fields(value);
        if (f.length < 3) {
            throw error("m= needs media, port and proto");
        }
        String portField = f[1];
        int slash = portField.indexOf('/');
        int port = SdpChars.parseUnsigned(slash < 0 ? portField : portField.substring(0, slash), 65535);
        if (port < 0) {
            throw error("invalid port in m= line");
        }
        int portCount = 0;
        if (slash >= 0) {
            portCount = SdpChars.parseUnsigned(portField.substring(slash + 1), 65535);
            if (portCount < 1) {
                throw error("invalid port count in m= line");
            }
        }
        List<String> formats = new ArrayList<>(f.length - 3);
        for (int i = 3; i < f.length; i++) {
            formats.add(f[i]);
        }
        current = MediaDescription.builder(f[0], port, f[2]).portCount(portCount).formats(formats);
        mediaSawInformation = false;
        mediaSawKey = false;
    }

    private void endMedia() {
        if (current == null) {
            return;
        }
        media.add(current.connections(mediaConnections).bandwidths(mediaBandwidths).attributes(mediaAttributes)
                .unknownLines(mediaUnknown).build());
        mediaConnections.clear();
        mediaBandwidths.clear();
        mediaAttributes.clear();
        mediaUnknown.clear();
        current = null;
    }

    private void once(boolean seen, char type) throws SdpParseException {
        if (seen) {
            throw error("more than one " + type + "= line");
        }
    }

    private SdpParseException error(String reason) {
        return new SdpParseException(reason + ": '" + SdpChars.excerpt(currentLine, EXCERPT) + "'", lineNumber);
    }
}
