package org.tabphone.sip.internal.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.internal.parse.ByteScanner;
import org.tabphone.sip.internal.parse.CharClass;
import org.tabphone.sip.internal.parse.HeaderNameTable;

/**
 * The header lines of a message as offsets into octet buffers, in wire order; no strings until asked.
 * Buffer 0 holds the received message; builders append buffers holding the values they added, so an
 * edited message still points into the received octets for every line it did not touch (the
 * "record edits, apply on write" scheme). Immutable once built.
 *
 * <p>Each entry is six ints: buffer index, header id ({@link HeaderNameTable}, -1 if unknown), name
 * start and end, value start and end (value trimmed, folds left in place).
 */
public final class HeaderTable {
    static final int STRIDE = 6;
    private static final int BUF = 0;
    private static final int ID = 1;
    private static final int NAME_START = 2;
    private static final int NAME_END = 3;
    private static final int VALUE_START = 4;
    private static final int VALUE_END = 5;

    private final byte[][] bufs;
    private final int[] e;
    private final int size;

    HeaderTable(byte[][] bufs, int[] entries, int size) {
        this.bufs = bufs;
        this.e = entries;
        this.size = size;
    }

    /** A table over one received buffer. */
    public static HeaderTable of(byte[] received, Entries entries) {
        return new HeaderTable(new byte[][] {received}, entries.data, entries.count);
    }

    public int size() {
        return size;
    }

    public int id(int i) {
        return e[i * STRIDE + ID];
    }

    public byte[] buf(int i) {
        return bufs[e[i * STRIDE + BUF]];
    }

    public int nameStart(int i) {
        return e[i * STRIDE + NAME_START];
    }

    public int nameEnd(int i) {
        return e[i * STRIDE + NAME_END];
    }

    public int valueStart(int i) {
        return e[i * STRIDE + VALUE_START];
    }

    public int valueEnd(int i) {
        return e[i * STRIDE + VALUE_END];
    }

    byte[][] bufs() {
        return bufs;
    }

    /** Buffer 0: the received message (or the first builder's buffer for a message built from scratch). */
    public byte[] receivedBuffer() {
        return bufs[0];
    }

    /** The header name of line i; unknown names become extension names spelled as received. */
    public HeaderName name(int i) {
        int id = id(i);
        if (id >= 0) {
            return HeaderNameTable.name(id);
        }
        int from = nameStart(i);
        return HeaderName.of(new String(buf(i), from, nameEnd(i) - from, StandardCharsets.ISO_8859_1));
    }

    /** Whether line i has that name (compared case-insensitively for extension names). */
    public boolean is(int i, HeaderName name, int nameId) {
        if (nameId >= 0 || id(i) >= 0) {
            return id(i) == nameId;
        }
        String n = name.name();
        int from = nameStart(i);
        if (nameEnd(i) - from != n.length()) {
            return false;
        }
        byte[] b = buf(i);
        for (int k = 0; k < n.length(); k++) {
            if (CharClass.lower(b[from + k]) != CharClass.lower(n.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** The value of line i: UTF-8, each fold replaced by one space. */
    public String value(int i) {
        return unfold(buf(i), valueStart(i), valueEnd(i));
    }

    /** RFC 3261 §7.3.1: a fold (whitespace, CRLF, whitespace) is equivalent to a single SP. */
    public static String unfold(byte[] b, int from, int to) {
        return ByteScanner.unfold(b, from, to);
    }

    /** A growable list of entries, filled by the parser and by builders. */
    public static final class Entries {
        int[] data;
        int count;

        public Entries(int capacity) {
            data = new int[Math.max(1, capacity) * STRIDE];
        }

        Entries(HeaderTable from) {
            data = Arrays.copyOf(from.e, Math.max(from.size + 4, 8) * STRIDE);
            count = from.size;
        }

        public int count() {
            return count;
        }

        /** Appends a line in buffer {@code buf}. */
        public void add(int buf, int id, int nameStart, int nameEnd, int valueStart, int valueEnd) {
            int o = count * STRIDE;
            if (o + STRIDE > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int[] d = data;
            d[o + BUF] = buf;
            d[o + ID] = id;
            d[o + NAME_START] = nameStart;
            d[o + NAME_END] = nameEnd;
            d[o + VALUE_START] = valueStart;
            d[o + VALUE_END] = valueEnd;
            count++;
        }

        void insert(int at, int buf, int id, int nameStart, int nameEnd, int valueStart, int valueEnd) {
            if ((count + 1) * STRIDE > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int o = at * STRIDE;
            System.arraycopy(data, o, data, o + STRIDE, (count - at) * STRIDE);
            data[o + BUF] = buf;
            data[o + ID] = id;
            data[o + NAME_START] = nameStart;
            data[o + NAME_END] = nameEnd;
            data[o + VALUE_START] = valueStart;
            data[o + VALUE_END] = valueEnd;
            count++;
        }

        void remove(int at) {
            int o = at * STRIDE;
            System.arraycopy(data, o + STRIDE, data, o, (count - at - 1) * STRIDE);
            count--;
        }

        public int id(int i) {
            return data[i * STRIDE + ID];
        }

        public int valueStart(int i) {
            return data[i * STRIDE + VALUE_START];
        }

        int buf(int i) {
            return data[i * STRIDE + BUF];
        }

        int nameStart(int i) {
            return data[i * STRIDE + NAME_START];
        }

        int nameEnd(int i) {
            return data[i * STRIDE + NAME_END];
        }

        public int valueEnd(int i) {
            return data[i * STRIDE + VALUE_END];
        }

        void setValueStart(int i, int valueStart) {
            data[i * STRIDE + VALUE_START] = valueStart;
        }
    }
}
