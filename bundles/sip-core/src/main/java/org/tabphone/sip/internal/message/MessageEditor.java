package org.tabphone.sip.internal.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.HeaderValue;
import org.tabphone.sip.internal.parse.CharClass;
import org.tabphone.sip.internal.parse.CoreHeadersParser;
import org.tabphone.sip.internal.parse.HeaderNameTable;
import org.tabphone.sip.internal.parse.ListSplitter;
import org.tabphone.sip.internal.parse.CoreHeaders;

/**
 * Records header edits over a message's header table without touching its octets: untouched lines
 * keep pointing into the received buffer, new values go to a buffer of their own (Kamailio's
 * "lumps", pkts' immutable-plus-builder). {@link #finish} re-parses only the eager headers that an
 * edit touched and always re-syncs Content-Length to the body.
 *
 * @param <B> the public builder type returned for chaining
 */
abstract class MessageEditor<B extends SipMessage.Builder<B>> implements SipMessage.Builder<B> {
    private final byte[][] srcBufs;
    private final HeaderTable.Entries entries;
    private final CoreHeaders previous;
    private byte[] extra = new byte[128];
    private int extraLen;
    private int touched;
    private byte[] body;
    private int bodyOff;
    private int bodyLen;

    /** Starts from an existing message. */
    MessageEditor(WireMessage from) {
        HeaderTable t = from.table();
        this.srcBufs = t.bufs();
        this.entries = new HeaderTable.Entries(t);
        this.previous = from.core();
        this.body = from.bodyBuf();
        this.bodyOff = from.bodyOff();
        this.bodyLen = from.bodyLength();
    }

    /** Starts from nothing. */
    MessageEditor() {
        this.srcBufs = new byte[0][];
        this.entries = new HeaderTable.Entries(8);
        this.previous = null;
        this.touched = CoreHeadersParser.ALL;
        this.body = new byte[0];
    }

    abstract B self();

    @Override
    public B set(HeaderName name, String value) {
        int id = HeaderNameTable.idOf(name);
        int first = indexOf(name, id, 0);
        removeAll(name, id);
        insert(first < 0 ? entries.count() : first, name, id, value);
        return self();
    }

    @Override
    public B set(HeaderName name, HeaderValue value) {
        return set(name, value.toString());
    }

    @Override
    public B add(HeaderName name, String value) {
        int id = HeaderNameTable.idOf(name);
        int at = entries.count();
        for (int i = entries.count() - 1; i >= 0; i--) {
            if (matches(i, name, id)) {
                at = i + 1;
                break;
            }
        }
        insert(at, name, id, value);
        return self();
    }

    @Override
    public B add(HeaderName name, HeaderValue value) {
        return add(name, value.toString());
    }

    @Override
    public B addFirst(HeaderName name, String value) {
        int id = HeaderNameTable.idOf(name);
        int first = indexOf(name, id, 0);
        insert(first < 0 ? entries.count() : first, name, id, value);
        return self();
    }

    @Override
    public B addFirst(HeaderName name, HeaderValue value) {
        return addFirst(name, value.toString());
    }

    @Override
    public B remove(HeaderName name) {
        removeAll(name, HeaderNameTable.idOf(name));
        return self();
    }

    @Override
    public B removeFirst(HeaderName name) {
        int id = HeaderNameTable.idOf(name);
        int i = indexOf(name, id, 0);
        if (i < 0) {
            return self();
        }
        touch(id);
        byte[] b = buffer(i);
        int comma = name.isListValued() ? ListSplitter.firstSeparator(b, entries.valueStart(i), entries.valueEnd(i)) : -1;
        if (comma < 0) {
            entries.remove(i);
        } else {
            int next = comma + 1;
            while (next < entries.valueEnd(i) && CharClass.isLws(b[next])) {
                next++;
            }
            entries.setValueStart(i, next); // the rest of the line stays in the received octets
        }
        return self();
    }

    @Override
    public B body(byte[] newBody, String contentType) {
        this.body = newBody.clone();
        this.bodyOff = 0;
        this.bodyLen = body.length;
        if (contentType == null) {
            remove(HeaderName.CONTENT_TYPE);
        } else {
            set(HeaderName.CONTENT_TYPE, contentType);
        }
        return self();
    }

    /** The value of the first line of {@code name} as currently edited, or null. */
    String currentValue(HeaderName name) {
        int i = indexOf(name, HeaderNameTable.idOf(name), 0);
        return i < 0 ? null : HeaderTable.unfold(buffer(i), entries.valueStart(i), entries.valueEnd(i));
    }

    /** Keeps only the lines whose id is in {@code ids}; the others count as touched. */
    void retainOnly(int... ids) {
        for (int i = entries.count() - 1; i >= 0; i--) {
            int id = entries.id(i);
            if (id < 0 || Arrays.stream(ids).noneMatch(k -> k == id)) {
                entries.remove(i);
            }
        }
        int kept = 0;
        for (int id : ids) {
            kept |= id < HeaderNameTable.EAGER_COUNT ? 1 << id : 0;
        }
        touched |= CoreHeadersParser.ALL & ~kept;
    }

    /** Drops the body without touching Content-Type (for replies, which start without one). */
    void clearBody() {
        this.body = new byte[0];
        this.bodyOff = 0;
        this.bodyLen = 0;
    }

    /** Normalises Content-Length, re-parses touched eager headers, returns the parts of the new message. */
    Parts finish() {
        int firstLength = indexOf(HeaderName.CONTENT_LENGTH, HeaderNameTable.CONTENT_LENGTH, 0);
        removeAll(HeaderName.CONTENT_LENGTH, HeaderNameTable.CONTENT_LENGTH);
        insert(firstLength < 0 ? entries.count() : firstLength, HeaderName.CONTENT_LENGTH,
                HeaderNameTable.CONTENT_LENGTH, Integer.toString(bodyLen));
        byte[][] bufs = Arrays.copyOf(srcBufs, srcBufs.length + 1);
        bufs[srcBufs.length] = Arrays.copyOf(extra, extraLen);
        // exactly the lines, not the builder's spare capacity: built messages live as long as calls and transactions
        HeaderTable table = new HeaderTable(bufs, Arrays.copyOf(entries.data, entries.count() * HeaderTable.STRIDE),
                entries.count());
        try {
            CoreHeaders core = CoreHeadersParser.parse(table, previous, touched);
            return new Parts(table, core, body, bodyOff, bodyLen);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    /** The pieces a built message is made of. */
    record Parts(HeaderTable table, CoreHeaders core, byte[] body, int bodyOff, int bodyLen) {
    }

    private void insert(int at, HeaderName name, int id, String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Header value contains CR/LF: " + name);
        }
        touch(id);
        int nameStart = 0;
        int nameEnd = 0;
        if (id < 0) {
            nameStart = extraLen;
            append(name.name().getBytes(StandardCharsets.US_ASCII));
            nameEnd = extraLen;
        }
        int valueStart = extraLen;
        append(value.strip().getBytes(StandardCharsets.UTF_8));
        entries.insert(at, srcBufs.length, id, nameStart, nameEnd, valueStart, extraLen);
    }

    private void append(byte[] bytes) {
        if (extraLen + bytes.length > extra.length) {
            extra = Arrays.copyOf(extra, Math.max(extra.length * 2, extraLen + bytes.length));
        }
        System.arraycopy(bytes, 0, extra, extraLen, bytes.length);
        extraLen += bytes.length;
    }

    private void removeAll(HeaderName name, int id) {
        for (int i = entries.count() - 1; i >= 0; i--) {
            if (matches(i, name, id)) {
                entries.remove(i);
                touch(id);
            }
        }
    }

    private int indexOf(HeaderName name, int id, int from) {
        for (int i = from; i < entries.count(); i++) {
            if (matches(i, name, id)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(int i, HeaderName name, int id) {
        int entryId = entries.id(i);
        if (id >= 0 || entryId >= 0) {
            return entryId == id;
        }
        byte[] b = buffer(i);
        int from = entries.nameStart(i);
        String n = name.name();
        if (entries.nameEnd(i) - from != n.length()) {
            return false;
        }
        for (int k = 0; k < n.length(); k++) {
            if (CharClass.lower(b[from + k]) != CharClass.lower(n.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** The buffer entry i points into: a source buffer or, for lines added here, {@link #extra}. */
    private byte[] buffer(int i) {
        int k = entries.buf(i);
        return k < srcBufs.length ? srcBufs[k] : extra;
    }

    private void touch(int id) {
        if (id >= 0 && id < HeaderNameTable.EAGER_COUNT) {
            touched |= 1 << id;
        }
    }
}
