package org.tabphone.sip.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.internal.message.HeaderTable;

/**
 * The headers every element reads (RFC 3261 §8.1.1). All of them were validated when the message was
 * parsed ({@link CoreHeadersParser}); Via, From, Call-ID, CSeq and Max-Forwards were kept then, while
 * To, Contact, Route and Record-Route objects are made from the octets the first time they are asked
 * for ("parse lazily"). For a repeated single-value header the first occurrence counts.
 *
 * <p>Caches are filled with a benign race: they hold immutable objects with final fields, so a
 * reader on another thread sees either null (and builds its own equal copy) or a complete object.
 */
public final class CoreHeaders {
    private final HeaderTable table;
    private final String callId;
    private final CSeq cseq;
    private final int maxForwards;
    private final boolean wildcardContact;
    private List<Via> vias;
    private NameAddress from;
    private NameAddress to;
    private List<NameAddress> contacts;
    private List<NameAddress> routes;
    private List<NameAddress> recordRoutes;

    /** {@code vias} and {@code from} may be null to have them made from the table when first read. */
    CoreHeaders(HeaderTable table, String callId, CSeq cseq, int maxForwards, boolean wildcardContact, List<Via> vias,
            NameAddress from) {
        this.table = table;
        this.callId = callId;
        this.cseq = cseq;
        this.maxForwards = maxForwards;
        this.wildcardContact = wildcardContact;
        this.vias = vias;
        this.from = from;
    }

    public String callId() {
        return callId;
    }

    public CSeq cseq() {
        return cseq;
    }

    /** -1 when absent. */
    public int maxForwards() {
        return maxForwards;
    }

    public boolean isWildcardContact() {
        return wildcardContact;
    }

    public List<Via> vias() {
        List<Via> v = vias;
        if (v == null) {
            List<Via> all = new ArrayList<>(2);
            ByteScanner s = new ByteScanner(null, 0, 0);
            for (int i = 0; i < table.size(); i++) {
                if (table.id(i) == HeaderNameTable.VIA) {
                    try {
                        ViaParser.parseVia(scan(s, i), all);
                    } catch (SipParseException e) {
                        throw validatedBefore(e);
                    }
                }
            }
            vias = v = all.size() == 1 ? List.of(all.get(0)) : List.copyOf(all);
        }
        return v;
    }

    public NameAddress from() {
        NameAddress a = from;
        if (a == null) {
            from = a = first(HeaderNameTable.FROM);
        }
        return a;
    }

    public NameAddress to() {
        NameAddress a = to;
        if (a == null) {
            to = a = first(HeaderNameTable.TO);
        }
        return a;
    }

    public List<NameAddress> contacts() {
        List<NameAddress> l = contacts;
        if (l == null) {
            contacts = l = wildcardContact ? List.of() : addresses(HeaderNameTable.CONTACT, ParamsParser.Rule.CONTACT);
        }
        return l;
    }

    public List<NameAddress> routes() {
        List<NameAddress> l = routes;
        if (l == null) {
            routes = l = addresses(HeaderNameTable.ROUTE, ParamsParser.Rule.GENERIC);
        }
        return l;
    }

    public List<NameAddress> recordRoutes() {
        List<NameAddress> l = recordRoutes;
        if (l == null) {
            recordRoutes = l = addresses(HeaderNameTable.RECORD_ROUTE, ParamsParser.Rule.GENERIC);
        }
        return l;
    }

    private NameAddress first(int id) {
        for (int i = 0; i < table.size(); i++) {
            if (table.id(i) == id) {
                try {
                    return NameAddrParser.parseSingle(scan(new ByteScanner(null, 0, 0), i), true);
                } catch (SipParseException e) {
                    throw validatedBefore(e);
                }
            }
        }
        return null;
    }

    private List<NameAddress> addresses(int id, ParamsParser.Rule rule) {
        List<NameAddress> all = new ArrayList<>(2);
        ByteScanner s = new ByteScanner(null, 0, 0);
        for (int i = 0; i < table.size(); i++) {
            if (table.id(i) == id) {
                try {
                    NameAddrParser.parseList(scan(s, i), all, id != HeaderNameTable.CONTACT, rule);
                } catch (SipParseException e) {
                    throw validatedBefore(e);
                }
            }
        }
        return all.size() == 1 ? List.of(all.get(0)) : List.copyOf(all);
    }

    private ByteScanner scan(ByteScanner s, int i) {
        return s.reset(table.buf(i), table.valueStart(i), table.valueEnd(i));
    }

    /** The octets were validated by the same parser when the message was made; this cannot happen. */
    private static IllegalStateException validatedBefore(SipParseException e) {
        return new IllegalStateException("Header failed to parse after validation: " + e.reason(), e);
    }
}
