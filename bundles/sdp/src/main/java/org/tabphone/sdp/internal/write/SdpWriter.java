package org.tabphone.sdp.internal.write;

import org.tabphone.sdp.api.Attribute;
import org.tabphone.sdp.api.Bandwidth;
import org.tabphone.sdp.api.Connection;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sdp.api.Timing;
import org.tabphone.sdp.api.UnknownLine;

/**
 * Writes a session description in the order of RFC 8866 §5 with CRLF line endings:
 * {@code v o s i u e* p* c b* (t r*)* z k a*} and per media {@code m i c* b* k a*}. Lines of an
 * unknown type go just before their level's {@code a=} lines.
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription s) {
        StringBuilder sb = new StringBuilder(512);
        line(sb, 'v', Integer.toString(s.version()));
        line(sb, 'o', s.origin().encode());
        // RFC 8866 §5.3: the session name is at least one character; "s= " when there is none
        line(sb, 's', s.sessionName().isEmpty() ? " " : s.sessionName());
        s.information().ifPresent(i -> line(sb, 'i', i));
        s.uri().ifPresent(u -> line(sb, 'u', u));
        s.emails().forEach(e -> line(sb, 'e', e));
        s.phones().forEach(p -> line(sb, 'p', p));
        s.connection().ifPresent(c -> line(sb, 'c', c.encode()));
        for (Bandwidth b : s.bandwidths()) {
            line(sb, 'b', b.encode());
        }
        for (Timing t : s.timings()) {
            line(sb, 't', t.encode());
            t.repeats().forEach(r -> line(sb, 'r', r));
        }
        s.timeZones().ifPresent(z -> line(sb, 'z', z));
        s.key().ifPresent(k -> line(sb, 'k', k));
        for (UnknownLine u : s.unknownLines()) {
            line(sb, u.type(), u.value());
        }
        for (Attribute a : s.attributes()) {
            line(sb, 'a', a.encode());
        }
        for (MediaDescription m : s.media()) {
            writeMedia(m, sb);
        }
        return sb.toString();
    }

    public static void writeMedia(MediaDescription m, StringBuilder sb) {
        line(sb, 'm', m.encodeMediaLine());
        m.information().ifPresent(i -> line(sb, 'i', i));
        for (Connection c : m.connections()) {
            line(sb, 'c', c.encode());
        }
        for (Bandwidth b : m.bandwidths()) {
            line(sb, 'b', b.encode());
        }
        m.key().ifPresent(k -> line(sb, 'k', k));
        for (UnknownLine u : m.unknownLines()) {
            line(sb, u.type(), u.value());
        }
        for (Attribute a : m.attributes()) {
            line(sb, 'a', a.encode());
        }
    }

    private static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append(CRLF);
    }
}
