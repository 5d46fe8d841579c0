package org.tabphone.sip.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.HeaderValue;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Via;

/**
 * An immutable SIP message (RFC 3261 §7): a {@link SipRequest} or a {@link SipResponse}.
 *
 * <p>Messages from {@link SipMessages#parse} are views over the received octets, which are not
 * copied (the transport hands them over). The headers every element needs (Via, From, To, Call-ID,
 * CSeq, Max-Forwards, Contact, Route, Record-Route, Content-Length, and Expires and Date if present)
 * were validated when the message was parsed, so their typed accessors never fail; Via and address
 * objects are made from the octets the first time they are read. Other headers are turned into
 * strings only when asked for.
 *
 * <p>The typed accessors for mandatory headers return {@code null} when the header is absent, which
 * the parser allows so that {@link RequestChecks} can answer such a request with a 400 (RFC 4475
 * §3.3.1); code that runs after those checks can rely on them.
 *
 * <p>Serialising ({@link #toBytes()}, {@link #writeTo}) copies unchanged header values straight from
 * the received octets, writes known header names in their canonical long form, and always writes
 * exactly one {@code Content-Length} equal to the body's octet count (RFC 3261 §18.3, §20.14).
 *
 * <p>Implemented only by this bundle.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    /** All header lines in wire order, compact names expanded, values unfolded and trimmed. */
    List<Header> headers();

    /** The value of the first header line of that name. */
    Optional<String> header(HeaderName name);

    /**
     * All values of that header in order. For a list-valued header ({@link HeaderName#isListValued()})
     * each line is split on commas outside quotes and angle brackets, so {@code Via: a, b} gives two values.
     */
    List<String> headers(HeaderName name);

    /** The Via values in order, top first (RFC 3261 §20.42). */
    List<Via> vias();

    /** The topmost Via, or null if there is none. */
    Via topVia();

    /** The From value (first one if repeated), or null if absent. */
    NameAddress from();

    /** The To value (first one if repeated), or null if absent. */
    NameAddress to();

    /** The Call-ID (first one if repeated), or null if absent. */
    String callId();

    /** The CSeq (first one if repeated), or null if absent. */
    CSeq cseq();

    /** Max-Forwards (0-255), empty if absent (RFC 2543 peers omit it). */
    OptionalInt maxForwards();

    /** The Contact addresses in order; empty for none or for the wildcard. */
    List<NameAddress> contacts();

    /** Whether the Contact is the wildcard {@code *} (RFC 3261 §10.2.2). */
    boolean isWildcardContact();

    /** The Route values in order. */
    List<NameAddress> routes();

    /** The Record-Route values in order. */
    List<NameAddress> recordRoutes();

    /** The Content-Type value as written, e.g. {@code application/sdp}. */
    Optional<String> contentType();

    /** A copy of the body octets. */
    byte[] body();

    /** The body's octet count; the Content-Length this message is written with. */
    int bodyLength();

    /** The message in wire form. */
    byte[] toBytes();

    /**
     * Writes the wire form into {@code dst} at {@code off}.
     *
     * @return the number of octets written, {@link #encodedLength()}
     * @throws IndexOutOfBoundsException if fewer than {@link #encodedLength()} octets fit
     */
    int writeTo(byte[] dst, int off);

    /** The length of the wire form. */
    int encodedLength();

    /**
     * Header edits common to request and response builders. Edits are recorded and applied when the
     * message is built and written; the message the builder came from is never changed.
     *
     * @param <B> the concrete builder type
     */
    interface Builder<B extends Builder<B>> {
        /** Replaces all lines of {@code name} by one with {@code value}, where the first was (else at the end). */
        B set(HeaderName name, String value);

        /** {@link #set(HeaderName, String)} with a typed value. */
        B set(HeaderName name, HeaderValue value);

        /** Adds a line after the last line of {@code name}, or at the end of the header section. */
        B add(HeaderName name, String value);

        /** {@link #add(HeaderName, String)} with a typed value. */
        B add(HeaderName name, HeaderValue value);

        /** Adds a line before the first line of {@code name} (a new top Via, Record-Route), or at the end. */
        B addFirst(HeaderName name, String value);

        /** {@link #addFirst(HeaderName, String)} with a typed value. */
        B addFirst(HeaderName name, HeaderValue value);

        /** Removes every line of {@code name}. */
        B remove(HeaderName name);

        /**
         * Removes the first value of {@code name}: for a list-valued header the first comma-separated
         * value (a proxy popping its Via or a Route), otherwise the first line.
         */
        B removeFirst(HeaderName name);

        /**
         * Sets the body and its Content-Type (removed when {@code contentType} is null). Content-Length
         * always follows the body.
         */
        B body(byte[] body, String contentType);

        default B from(NameAddress from) {
            return set(HeaderName.FROM, from);
        }

        default B to(NameAddress to) {
            return set(HeaderName.TO, to);
        }

        default B callId(String callId) {
            return set(HeaderName.CALL_ID, callId);
        }

        default B cseq(CSeq cseq) {
            return set(HeaderName.CSEQ, cseq);
        }

        default B maxForwards(int maxForwards) {
            return set(HeaderName.MAX_FORWARDS, Integer.toString(maxForwards));
        }

        /** Pushes a new top Via. */
        default B addVia(Via via) {
            return addFirst(HeaderName.VIA, via);
        }
    }
}
