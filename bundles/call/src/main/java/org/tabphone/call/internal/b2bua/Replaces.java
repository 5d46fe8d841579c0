package org.tabphone.call.internal.b2bua;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.uri.SipUri;

/**
 * A Replaces header (RFC 3891 §6.1): {@code callid;to-tag=..;from-tag=..[;early-only]}, from an
 * INVITE or escaped in a Refer-To URI's headers ({@code ?Replaces=...}, RFC 3891 §7.1). It names
 * the dialog as the UA receiving it sees it (§3): the to-tag is that UA's local tag, the from-tag
 * the remote one — so for a dialog of the gateway, {@link #dialogId()} is the key of the leg in
 * the call table, whichever side sent the original INVITE.
 */
record Replaces(String callId, String toTag, String fromTag, boolean earlyOnly) {

    /** The dialog, seen from the gateway: our tag is the to-tag. */
    DialogId dialogId() {
        return new DialogId(callId, toTag, fromTag);
    }

    /**
     * Parses a header value; {@link IllegalArgumentException} when the Call-ID or either tag is missing.
     */
    static Replaces parse(String value) {
        String[] parts = value.trim().split(";");
        String callId = parts[0].trim();
        String to = null;
        String from = null;
        boolean early = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? null : p.substring(eq + 1).trim();
            switch (name) {
                case "to-tag" -> to = v;
                case "from-tag" -> from = v;
                case "early-only" -> early = true;
                default -> { } // generic parameters are allowed and ignored
            }
        }
        if (callId.isEmpty() || to == null || to.isEmpty() || from == null || from.isEmpty()) {
            throw new IllegalArgumentException("Replaces needs a Call-ID, to-tag and from-tag: " + value);
        }
        return new Replaces(callId, to, from, early);
    }

    /** The Replaces a REFER's Refer-To carries as a URI header, if any (RFC 3891 §7.1; escaped there). */
    static Optional<Replaces> inReferTo(NameAddress referTo) {
        if (!(referTo.uri() instanceof SipUri u)) {
            return Optional.empty();
        }
        for (String name : u.headers().names()) {
            if (name.equalsIgnoreCase("Replaces")) {
                return Optional.of(parse(unescape(u.headers().get(name).orElse(""))));
            }
        }
        return Optional.empty();
    }

    /** RFC 3986 percent-decoding (UTF-8); a '+' stays a '+' (Call-IDs may hold one). */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape in " + s);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("bad escape in " + s);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
