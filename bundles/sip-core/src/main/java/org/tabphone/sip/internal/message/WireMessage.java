package org.tabphone.sip.internal.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.internal.parse.CoreHeaders;
import org.tabphone.sip.internal.parse.HeaderNameTable;
import org.tabphone.sip.internal.parse.ListSplitter;
import org.tabphone.sip.internal.write.MessageWriter;

/**
 * What requests and responses share: the header table over the message's octets, the eagerly parsed
 * headers and the body. Immutable; the lazily built {@link #headers()} list is cached with a benign
 * race (the list is immutable and safely publishable).
 */
public abstract class WireMessage {
    private final HeaderTable table;
    private final CoreHeaders core;
    private final byte[] bodyBuf;
    private final int bodyOff;
    private final int bodyLen;
    private final int lineStart;
    private final int lineLength;
    private List<Header> headerList;
    private byte[] composedLine;

    WireMessage(HeaderTable table, CoreHeaders core, byte[] bodyBuf, int bodyOff, int bodyLen, int lineStart,
            int lineLength) {
        this.table = table;
        this.core = core;
        this.bodyBuf = bodyBuf;
        this.bodyOff = bodyOff;
        this.bodyLen = bodyLen;
        this.lineStart = lineStart;
        this.lineLength = lineLength;
    }

    /** The header table, for the writer and builders. */
    public HeaderTable table() {
        return table;
    }

    public CoreHeaders core() {
        return core;
    }

    public byte[] bodyBuf() {
        return bodyBuf;
    }

    public int bodyOff() {
        return bodyOff;
    }

    /**
     * When positive, the start line is the received one: {@code table().receivedBuffer()} from
     * {@link #rawStartLineOffset()} for this many octets (CRLF excluded); 0 means the writer composes it.
     */
    public int rawStartLineLength() {
        return lineLength;
    }

    public int rawStartLineOffset() {
        return lineStart;
    }

    /** The composed start line (without CRLF) for messages whose start line is not raw; cached. */
    public byte[] composedStartLine() {
        byte[] line = composedLine;
        if (line == null) {
            composedLine = line = composeStartLine();
        }
        return line;
    }

    abstract byte[] composeStartLine();

    public List<Header> headers() {
        List<Header> list = headerList;
        if (list == null) {
            Header[] all = new Header[table.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = new Header(table.name(i), table.value(i));
            }
            headerList = list = List.of(all);
        }
        return list;
    }

    public Optional<String> header(HeaderName name) {
        int id = HeaderNameTable.idOf(name);
        for (int i = 0; i < table.size(); i++) {
            if (table.is(i, name, id)) {
                return Optional.of(table.value(i));
            }
        }
        return Optional.empty();
    }

    public List<String> headers(HeaderName name) {
        int id = HeaderNameTable.idOf(name);
        List<String> values = new ArrayList<>(2);
        for (int i = 0; i < table.size(); i++) {
            if (table.is(i, name, id)) {
                String v = table.value(i);
                if (name.isListValued()) {
                    ListSplitter.split(v, values);
                } else {
                    values.add(v);
                }
            }
        }
        return List.copyOf(values);
    }

    public List<Via> vias() {
        return core.vias();
    }

    public Via topVia() {
        return vias().isEmpty() ? null : vias().get(0);
    }

    public NameAddress from() {
        return core.from();
    }

    public NameAddress to() {
        return core.to();
    }

    public String callId() {
        return core.callId();
    }

    public CSeq cseq() {
        return core.cseq();
    }

    public OptionalInt maxForwards() {
        return core.maxForwards() < 0 ? OptionalInt.empty() : OptionalInt.of(core.maxForwards());
    }

    public List<NameAddress> contacts() {
        return core.contacts();
    }

    public boolean isWildcardContact() {
        return core.isWildcardContact();
    }

    public List<NameAddress> routes() {
        return core.routes();
    }

    public List<NameAddress> recordRoutes() {
        return core.recordRoutes();
    }

    public Optional<String> contentType() {
        return header(HeaderName.CONTENT_TYPE);
    }

    public byte[] body() {
        return Arrays.copyOfRange(bodyBuf, bodyOff, bodyOff + bodyLen);
    }

    public int bodyLength() {
        return bodyLen;
    }

    public byte[] toBytes() {
        return MessageWriter.toBytes(this);
    }

    public int writeTo(byte[] dst, int off) {
        return MessageWriter.write(this, dst, off);
    }

    public int encodedLength() {
        return MessageWriter.encodedLength(this);
    }

    @Override
    public String toString() {
        return new String(toBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
