package org.tabphone.cdr.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.tabphone.cdr.api.CdrRecord;

/**
 * One record as one line of JSON, fields in a fixed order, the chain fields last:
 * {@code "prev"} is the hex SHA-256 of the previous line's bytes (without its newline; 64 zeros
 * for the first record) and {@code "sig"} the base64 Ed25519 signature of every byte of the line
 * before {@code ,"sig":"}. So a record can't be edited, dropped or moved without the key.
 */
final class CdrLine {
    /** {@code prev} of the first record ever written. */
    static final String GENESIS = "0".repeat(64);
    private static final String SIG = ",\"sig\":\"";

    private CdrLine() {
    }

    /** A parsed line: the record, its chain fields, and what its signature covers. */
    record Parsed(CdrRecord record, String prev, byte[] signed, byte[] signature) {
    }

    static String encode(CdrRecord r, String prev, SigningKey key) {
        StringBuilder b = new StringBuilder(512).append('{');
        FlatJson.number(b, "seq", r.seq());
        FlatJson.string(b, "call", r.call());
        FlatJson.string(b, "tenant", r.tenant());
        FlatJson.string(b, "caller", r.caller());
        FlatJson.string(b, "callee", r.callee());
        FlatJson.string(b, "direction", r.direction());
        FlatJson.string(b, "trunk", r.trunk());
        FlatJson.string(b, "callerCodec", r.callerCodec());
        FlatJson.string(b, "calleeCodec", r.calleeCodec());
        FlatJson.string(b, "started", time(r.started()));
        FlatJson.string(b, "answered", time(r.answered()));
        FlatJson.string(b, "ended", time(r.ended()));
        FlatJson.number(b, "durationMs", r.durationMillis());
        FlatJson.number(b, "cause", r.cause());
        FlatJson.string(b, "endedBy", r.endedBy());
        rtp(b, "caller", r.callerRtp());
        rtp(b, "callee", r.calleeRtp());
        if (!r.recording().isEmpty()) { // unrecorded calls keep the line they had before recordings were linked
            FlatJson.string(b, "recording", r.recording());
        }
        FlatJson.string(b, "prev", prev);
        byte[] sig = key.sign(b.toString().getBytes(StandardCharsets.UTF_8));
        return b.append(SIG).append(Base64.getEncoder().encodeToString(sig)).append("\"}").toString();
    }

    /** @throws IllegalArgumentException when the line is not a record */
    static Parsed decode(String line) {
        Map<String, String> f = FlatJson.parse(line);
        int at = line.lastIndexOf(SIG);
        if (at < 0 || !f.containsKey("sig")) {
            throw new IllegalArgumentException("no signature");
        }
        try {
            CdrRecord r = new CdrRecord(Long.parseLong(req(f, "seq")), req(f, "call"), req(f, "tenant"),
                req(f, "caller"), req(f, "callee"), req(f, "direction"), req(f, "trunk"), req(f, "callerCodec"),
                req(f, "calleeCodec"), instant(req(f, "started")), instant(req(f, "answered")),
                instant(req(f, "ended")), Long.parseLong(req(f, "durationMs")), Integer.parseInt(req(f, "cause")),
                req(f, "endedBy"), rtp(f, "caller"), rtp(f, "callee"), f.getOrDefault("recording", ""));
            return new Parsed(r, req(f, "prev"), line.substring(0, at).getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(f.get("sig")));
        } catch (RuntimeException e) { // NumberFormatException, DateTimeParseException, bad base64
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void rtp(StringBuilder b, String leg, CdrRecord.Rtp r) {
        FlatJson.number(b, leg + "Packets", r.packets());
        FlatJson.number(b, leg + "Lost", r.lost());
        FlatJson.number(b, leg + "JitterMs", r.jitterMillis());
        FlatJson.number(b, leg + "RttMs", r.roundTripMillis());
        FlatJson.number(b, leg + "RemoteLost", r.remoteLost());
    }

    /** Absent from records written before media counters were recorded: zeros; before RTCP figures: -1. */
    private static CdrRecord.Rtp rtp(Map<String, String> f, String leg) {
        return new CdrRecord.Rtp(Long.parseLong(f.getOrDefault(leg + "Packets", "0")),
            Long.parseLong(f.getOrDefault(leg + "Lost", "0")), Long.parseLong(f.getOrDefault(leg + "JitterMs", "0")),
            Long.parseLong(f.getOrDefault(leg + "RttMs", "-1")), Long.parseLong(f.getOrDefault(leg + "RemoteLost", "-1")));
    }

    static String hash(byte[] lineBytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lineBytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static String req(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    /** Milliseconds, UTC, ISO-8601; empty for "never". */
    static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Instant instant(String s) {
        return s.isEmpty() ? null : Instant.parse(s);
    }
}
