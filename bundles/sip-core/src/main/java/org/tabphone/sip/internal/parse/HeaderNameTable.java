package org.tabphone.sip.internal.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tabphone.sip.api.header.HeaderName;

/**
 * Maps header-name octets to small integer ids without allocating (RFC 3261 §7.3: names are
 * case-insensitive; §7.3.3 compact forms). Ids of the headers parsed eagerly are constants so the
 * parser can switch on them; unknown names get -1. All tables are filled once and never changed.
 */
public final class HeaderNameTable {
    public static final int UNKNOWN = -1;
    public static final int VIA = 0;
    public static final int FROM = 1;
    public static final int TO = 2;
    public static final int CALL_ID = 3;
    public static final int CSEQ = 4;
    public static final int MAX_FORWARDS = 5;
    public static final int CONTACT = 6;
    public static final int ROUTE = 7;
    public static final int RECORD_ROUTE = 8;
    public static final int CONTENT_LENGTH = 9;
    public static final int EXPIRES = 10;
    public static final int DATE = 11;
    /** Ids below this are the eagerly parsed headers. */
    public static final int EAGER_COUNT = 12;

    private static final HeaderName[] BY_ID;
    private static final byte[][] CANONICAL;
    private static final byte[][] LOWER;
    private static final int[] COMPACT = new int[128];
    private static final int[] SLOTS = new int[256];
    /** LOWER[id] as little-endian words (each octet | 0x20) and the masks of the octets in use. */
    private static final long[][] WORDS;
    private static final long[][] MASKS;
    /** CANONICAL[id] as little-endian words, for exact (case-sensitive) comparison. */
    private static final long[][] CANONICAL_WORDS;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Map<HeaderName, Integer> IDS;

    static {
        List<HeaderName> names = new ArrayList<>(List.of(HeaderName.VIA, HeaderName.FROM, HeaderName.TO,
                HeaderName.CALL_ID, HeaderName.CSEQ, HeaderName.MAX_FORWARDS, HeaderName.CONTACT, HeaderName.ROUTE,
                HeaderName.RECORD_ROUTE, HeaderName.CONTENT_LENGTH, HeaderName.EXPIRES, HeaderName.DATE));
        for (HeaderName h : HeaderName.knownNames()) {
            if (!names.contains(h)) {
                names.add(h);
            }
        }
        BY_ID = names.toArray(new HeaderName[0]);
        CANONICAL = new byte[BY_ID.length][];
        LOWER = new byte[BY_ID.length][];
        Arrays.fill(COMPACT, UNKNOWN);
        Arrays.fill(SLOTS, UNKNOWN);
        Map<HeaderName, Integer> ids = new HashMap<>();
        for (int id = 0; id < BY_ID.length; id++) {
            HeaderName h = BY_ID[id];
            if (!h.name().chars().allMatch(c -> Character.isLetter(c) || c == '-')) {
                throw new IllegalStateException("equalsLower() assumes letters and '-' only: " + h);
            }
            CANONICAL[id] = h.name().getBytes(StandardCharsets.US_ASCII);
            LOWER[id] = h.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            ids.put(h, id);
            final int theId = id;
            h.compactForm().ifPresent(c -> {
                COMPACT[c] = theId;
                COMPACT[Character.toUpperCase(c)] = theId;
            });
            int hash = 0;
            for (byte c : LOWER[id]) {
                hash = hashStep(hash, c);
            }
            int slot = mix(hash) & (SLOTS.length - 1);
            while (SLOTS[slot] != UNKNOWN) {
                slot = (slot + 1) & (SLOTS.length - 1);
            }
            SLOTS[slot] = id;
        }
        IDS = Map.copyOf(ids);
        WORDS = new long[BY_ID.length][];
        MASKS = new long[BY_ID.length][];
        CANONICAL_WORDS = new long[BY_ID.length][];
        for (int id = 0; id < BY_ID.length; id++) {
            byte[] lower = LOWER[id];
            int n = (lower.length + 7) / 8;
            WORDS[id] = new long[n];
            MASKS[id] = new long[n];
            CANONICAL_WORDS[id] = new long[n];
            for (int i = 0; i < lower.length; i++) {
                WORDS[id][i / 8] |= (long) (lower[i] | 0x20) << (8 * (i % 8));
                MASKS[id][i / 8] |= 0xFFL << (8 * (i % 8));
                CANONICAL_WORDS[id][i / 8] |= (long) CANONICAL[id][i] << (8 * (i % 8));
            }
        }
    }

    private HeaderNameTable() {
    }

    /** The id of the name in {@code b[from, to)}, or {@link #UNKNOWN}. */
    public static int lookup(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = hashStep(h, b[i]);
        }
        return lookup(b, from, to, h);
    }

    /**
     * As {@link #lookup(byte[], int, int)} with the hash already folded over the name with
     * {@link #hashStep} (the header scanner does it while checking the name's characters).
     */
    public static int lookup(byte[] b, int from, int to, int hash) {
        int len = to - from;
        if (len == 1) {
            return b[from] >= 0 ? COMPACT[b[from]] : UNKNOWN;
        }
        int slot = mix(hash) & (SLOTS.length - 1);
        for (int id; (id = SLOTS[slot]) != UNKNOWN; slot = (slot + 1) & (SLOTS.length - 1)) {
            if (LOWER[id].length == len && equalsLower(b, from, id)) {
                return id;
            }
        }
        return UNKNOWN;
    }

    /**
     * One step of the name hash. {@code c | 0x20} lower-cases letters; it also changes some
     * non-letters, which only matters for the hash: the final comparison is exact.
     */
    public static int hashStep(int h, byte c) {
        return 31 * h + (c | 0x20);
    }

    /** The id of a header name, or {@link #UNKNOWN} for an extension header. */
    public static int idOf(HeaderName name) {
        Integer id = IDS.get(name);
        return id == null ? UNKNOWN : id;
    }

    public static HeaderName name(int id) {
        return BY_ID[id];
    }

    /** The canonical spelling's octets; callers must not modify the array. */
    public static byte[] canonical(int id) {
        return CANONICAL[id];
    }

    /** Whether {@code b[from, to)} is the canonical spelling of header {@code id}, letter case included. */
    public static boolean isCanonical(byte[] b, int from, int to, int id) {
        byte[] name = CANONICAL[id];
        if (to - from != name.length) {
            return false;
        }
        long[] words = CANONICAL_WORDS[id];
        if (from + 8 * words.length <= b.length) {
            long[] masks = MASKS[id];
            for (int w = 0; w < words.length; w++) {
                if (((long) LONGS.get(b, from + 8 * w) & masks[w]) != words[w]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < name.length; i++) {
            if (b[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares token octets with a known name made of letters and '-': for such names
     * {@code (c | 0x20) == n} holds exactly when c is n in either case (no other token octet maps onto
     * a letter or '-'). Eight octets at a time when the buffer has room past the name.
     */
    private static boolean equalsLower(byte[] b, int from, int id) {
        long[] words = WORDS[id];
        if (from + 8 * words.length <= b.length) {
            long[] masks = MASKS[id];
            for (int w = 0; w < words.length; w++) {
                long x = ((long) LONGS.get(b, from + 8 * w) | 0x2020202020202020L) & masks[w];
                if (x != words[w]) {
                    return false;
                }
            }
            return true;
        }
        byte[] lower = LOWER[id];
        for (int i = 0; i < lower.length; i++) {
            if ((b[from + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int h) {
        return h ^ (h >>> 7) ^ (h >>> 15);
    }
}
