package org.tabphone.sip.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.internal.message.HeaderTable;

/**
 * Validates the eagerly parsed headers of a message (RFC 3261 §8.1.1, §8.2.2, §20): Via, From, To,
 * Call-ID, CSeq, Max-Forwards, Contact, Route, Record-Route, Expires and Date. Every occurrence is
 * checked; Via, From, Call-ID and CSeq, which every element reads, are built in the same pass, the
 * others are checked with the same parsers in their allocation-free mode and built when first read.
 * Errors name the header: {@code "Bad Via header: empty value"}.
 */
public final class CoreHeadersParser {
    /** Bit mask selecting every eager header id. */
    public static final int ALL = (1 << HeaderNameTable.EAGER_COUNT) - 1;

    private CoreHeadersParser() {
    }

    /** Validates all eager headers of {@code t}. */
    public static CoreHeaders parse(HeaderTable t) throws SipParseException {
        return parse(t, null, ALL);
    }

    /**
     * Validates the eager headers whose id bit is set in {@code reparse}; Call-ID, CSeq, Max-Forwards
     * and the Contact wildcard of the others come from {@code previous} (a builder skips what an edit
     * did not touch).
     */
    public static CoreHeaders parse(HeaderTable t, CoreHeaders previous, int reparse) throws SipParseException {
        ByteScanner s = new ByteScanner(null, 0, 0);
        List<Via> vias = null;
        NameAddress from = null;
        String callId = null;
        CSeq cseq = null;
        int maxForwards = -1;
        boolean wildcard = false;
        boolean addresses = false;
        for (int i = 0; i < t.size(); i++) {
            int id = t.id(i);
            if (id < 0 || id >= HeaderNameTable.EAGER_COUNT || (reparse & (1 << id)) == 0) {
                continue;
            }
            s.reset(t.buf(i), t.valueStart(i), t.valueEnd(i));
            try {
                switch (id) {
                    // Via and From are read for every message (transaction and dialog matching), so they
                    // are built in the validating pass instead of being scanned again when first read.
                    case HeaderNameTable.VIA -> ViaParser.parseVia(s, vias = vias == null ? new ArrayList<>(2) : vias);
                    case HeaderNameTable.FROM -> {
                        NameAddress a = NameAddrParser.parseSingle(s, from == null);
                        from = from == null ? a : from;
                    }
                    case HeaderNameTable.TO -> NameAddrParser.parseSingle(s, false);
                    case HeaderNameTable.CALL_ID -> {
                        String v = ScalarParser.parseCallId(s);
                        callId = callId == null ? v : callId;
                    }
                    case HeaderNameTable.CSEQ -> {
                        CSeq v = ScalarParser.parseCSeq(s);
                        cseq = cseq == null ? v : cseq;
                    }
                    case HeaderNameTable.MAX_FORWARDS -> {
                        int v = (int) ScalarParser.parseWholeNumber(s, 255, "Max-Forwards");
                        maxForwards = maxForwards < 0 ? v : maxForwards;
                    }
                    case HeaderNameTable.CONTACT -> {
                        if (t.valueEnd(i) - t.valueStart(i) == 1 && t.buf(i)[t.valueStart(i)] == '*') {
                            wildcard = true;
                        } else {
                            NameAddrParser.parseList(s, null, false, ParamsParser.Rule.CONTACT);
                            addresses = true;
                        }
                    }
                    case HeaderNameTable.ROUTE, HeaderNameTable.RECORD_ROUTE ->
                        NameAddrParser.parseList(s, null, true, ParamsParser.Rule.GENERIC);
                    case HeaderNameTable.EXPIRES ->
                        ScalarParser.parseWholeNumber(s, ScalarParser.MAX_DELTA_SECONDS, "Expires value");
                    case HeaderNameTable.DATE -> ScalarParser.checkDate(s);
                    default -> {
                        // Content-Length is read by the framer (MessageParser)
                    }
                }
            } catch (SipParseException e) {
                throw e.withContext("Bad " + HeaderNameTable.name(id).name() + " header: ", false);
            }
        }
        if (wildcard && addresses) {
            throw new SipParseException("Bad Contact header: '*' mixed with addresses");
        }
        List<Via> viaList = null; // null: made from the table when first read
        if (touched(reparse, HeaderNameTable.VIA)) {
            viaList = vias == null ? List.of() : vias.size() == 1 ? List.of(vias.get(0)) : List.copyOf(vias);
        }
        if (previous != null) {
            callId = touched(reparse, HeaderNameTable.CALL_ID) ? callId : previous.callId();
            cseq = touched(reparse, HeaderNameTable.CSEQ) ? cseq : previous.cseq();
            maxForwards = touched(reparse, HeaderNameTable.MAX_FORWARDS) ? maxForwards : previous.maxForwards();
            wildcard = touched(reparse, HeaderNameTable.CONTACT) ? wildcard : previous.isWildcardContact();
            from = touched(reparse, HeaderNameTable.FROM) ? from : null;
        }
        return new CoreHeaders(t, callId, cseq, maxForwards, wildcard, viaList, from);
    }

    private static boolean touched(int mask, int id) {
        return (mask & (1 << id)) != 0;
    }
}
