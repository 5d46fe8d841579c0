package org.tabphone.sdp.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * One media description (RFC 8866 §5.14): the {@code m=} line and the {@code i= c= b= k= a=} lines
 * after it, e.g. {@code m=audio 49170 RTP/AVP 0 8 101}.
 *
 * <p><b>Session-level fallback.</b> A media description taken from a {@link SessionDescription}
 * knows that description's session-level attributes and connection, so {@link #direction()},
 * {@link #iceUfrag()}, {@link #icePwd()}, {@link #fingerprint()}, {@link #setup()} and
 * {@link #isHold()} fall back to the session level as RFC 8866 §6.7, RFC 8839 §5.4, RFC 8122 §5
 * and RFC 4145 §4 say. One built on its own sees no session level until it is put into a
 * session description. That link is not part of {@link #equals}.
 *
 * <p>The readers never throw: malformed attribute values are skipped.
 */
public final class MediaDescription {
    private final String media;
    private final int port;
    private final int portCount; // 0: not written
    private final String proto;
    private final List<String> formats;
    private final String information;
    private final List<Connection> connections;
    private final List<Bandwidth> bandwidths;
    private final String key;
    private final List<Attribute> attributes;
    private final List<UnknownLine> unknownLines;
    private final SessionLevel session;

    /** The session-level facts a media description falls back to. */
    record SessionLevel(List<Attribute> attributes, Connection connection) {
        static final SessionLevel NONE = new SessionLevel(List.of(), null);
    }

    private MediaDescription(Builder b, SessionLevel session) {
        this.media = b.media;
        this.port = b.port;
        this.portCount = b.portCount;
        this.proto = b.proto;
        this.formats = List.copyOf(b.formats);
        this.information = b.information;
        this.connections = List.copyOf(b.connections);
        this.bandwidths = List.copyOf(b.bandwidths);
        this.key = b.key;
        this.attributes = List.copyOf(b.attributes);
        this.unknownLines = List.copyOf(b.unknownLines);
        this.session = session;
    }

    private MediaDescription(MediaDescription m, SessionLevel session) {
        this.media = m.media;
        this.port = m.port;
        this.portCount = m.portCount;
        this.proto = m.proto;
        this.formats = m.formats;
        this.information = m.information;
        this.connections = m.connections;
        this.bandwidths = m.bandwidths;
        this.key = m.key;
        this.attributes = m.attributes;
        this.unknownLines = m.unknownLines;
        this.session = session;
    }

    /** This description linked to the session level of the description it is part of. */
    MediaDescription bind(SessionLevel level) {
        return level.equals(session) ? this : new MediaDescription(this, level);
    }

    /**
     * A builder for {@code m=<media> <port> <proto> <formats...>}.
     *
     * @param media e.g. {@code audio}
     * @param port  0-65535
     * @param proto e.g. {@code RTP/AVP} or {@code UDP/TLS/RTP/SAVPF}
     */
    public static Builder builder(String media, int port, String proto) {
        return new Builder().media(media).port(port).proto(proto);
    }

    /** A builder holding this description's values (and its session-level link). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // ---- m= line ----

    /** The media type: {@code audio}, {@code video}, {@code application}, ... */
    public String media() {
        return media;
    }

    /** The transport port; 0 means the stream is rejected or disabled (RFC 3264 §6), or bundle-only. */
    public int port() {
        return port;
    }

    /** The number of ports after a slash ({@code 49170/2}), if written. */
    public OptionalInt portCount() {
        return portCount == 0 ? OptionalInt.empty() : OptionalInt.of(portCount);
    }

    /** The transport protocol, e.g. {@code RTP/AVP}, {@code UDP/TLS/RTP/SAVPF}, {@code UDP/DTLS/SCTP}. */
    public String proto() {
        return proto;
    }

    /** The media formats: RTP payload type numbers for RTP profiles, as written. */
    public List<String> formats() {
        return formats;
    }

    /** Whether the profile is RTP (its proto contains {@code RTP/}): formats are payload types. */
    public boolean isRtp() {
        return proto.toUpperCase(java.util.Locale.ROOT).contains("RTP/");
    }

    /** Whether the profile is a WebRTC one: DTLS-SRTP with feedback ({@code UDP/TLS/RTP/SAVPF} and kin, RFC 8829 §5.1.2). */
    public boolean isDtlsSrtp() {
        String p = proto.toUpperCase(java.util.Locale.ROOT);
        return p.contains("TLS/RTP/SAVP");
    }

    // ---- other lines ----

    /** The {@code i=} media title. */
    public Optional<String> information() {
        return Optional.ofNullable(information);
    }

    /** The first media-level {@code c=} line. */
    public Optional<Connection> connection() {
        return connections.isEmpty() ? Optional.empty() : Optional.of(connections.get(0));
    }

    /** All media-level {@code c=} lines (more than one only for layered multicast). */
    public List<Connection> connections() {
        return connections;
    }

    /**
     * The connection that applies: the media-level one, else the session-level one of the
     * description this was taken from.
     */
    public Optional<Connection> effectiveConnection() {
        return connection().or(() -> Optional.ofNullable(session.connection()));
    }

    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The {@code k=} line value (obsolete, kept as written). */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** Media-level attributes, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** Lines with a type letter RFC 8866 does not define, in order. */
    public List<UnknownLine> unknownLines() {
        return unknownLines;
    }

    // ---- attribute readers ----

    /** The first media-level attribute named {@code name} (case-insensitive). */
    public Optional<Attribute> attribute(String name) {
        return AttributeEdits.first(attributes, name);
    }

    /** Every media-level attribute named {@code name} (case-insensitive), in order. */
    public List<Attribute> attributes(String name) {
        return AttributeEdits.all(attributes, name);
    }

    /** Whether there is a media-level attribute named {@code name} (case-insensitive). */
    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /**
     * The media formats with what they stand for, in {@code m=} order: each payload type's
     * {@code a=rtpmap}, or, for a static payload type without one, its RFC 3551 meaning. Payload types
     * with neither, and formats that are not payload-type numbers, are left out.
     */
    public Map<Integer, RtpMap> rtpMaps() {
        Map<Integer, RtpMap> written = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            if (a.is("rtpmap") && a.hasValue()) {
                RtpMap.parse(a.valueOrEmpty()).ifPresent(r -> written.putIfAbsent(r.payloadType(), r));
            }
        }
        Map<Integer, RtpMap> out = new LinkedHashMap<>();
        boolean rtp = isRtp();
        for (String f : formats) {
            int pt = SdpChars.parseUnsigned(f, RtpMap.MAX_PAYLOAD_TYPE);
            if (pt < 0 || out.containsKey(pt)) {
                continue;
            }
            RtpMap r = written.get(pt);
            if (r == null && rtp) {
                r = RtpMap.staticPayloadType(pt).orElse(null);
            }
            if (r != null) {
                out.put(pt, r);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** What payload type {@code payloadType} stands for (see {@link #rtpMaps()}). */
    public Optional<RtpMap> rtpMap(int payloadType) {
        return Optional.ofNullable(rtpMaps().get(payloadType));
    }

    /** The format parameters of {@code a=fmtp:<payloadType> <params>}: the text after the payload type. */
    public Optional<String> fmtp(int payloadType) {
        return fmtp(Integer.toString(payloadType));
    }

    /** The format parameters for format {@code format} (as written in the {@code m=} line). */
    public Optional<String> fmtp(String format) {
        for (Attribute a : attributes) {
            if (a.is("fmtp") && a.hasValue()) {
                String[] p = SdpChars.splitFirst(a.valueOrEmpty().stripLeading());
                if (p[0].equals(format)) {
                    return Optional.of(p.length == 2 ? p[1] : "");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The direction that applies: the media-level direction attribute, else the session-level one,
     * else {@link Direction#SENDRECV} (RFC 8866 §6.7, RFC 3264 §5.1).
     */
    public Direction direction() {
        return mediaDirection().or(() -> AttributeEdits.direction(session.attributes())).orElse(Direction.SENDRECV);
    }

    /** The media-level direction attribute only. */
    public Optional<Direction> mediaDirection() {
        return AttributeEdits.direction(attributes);
    }

    /**
     * Whether the stream is on hold: its direction ({@link #direction()}) is {@code sendonly} or
     * {@code inactive}, or, the RFC 2543 way (RFC 3264 §8.4), its connection address
     * ({@link #effectiveConnection()}) is {@code 0.0.0.0} and it does not use ICE.
     *
     * <p>With ICE ({@code a=ice-ufrag} present) the {@code c=} address means nothing: JSEP offers made
     * before candidates are gathered carry {@code c=IN IP4 0.0.0.0} with port 9 (JSEP, RFC 8829;
     * Trickle ICE, RFC 8838), and Firefox and Chromium send exactly that. Those are not holds.
     */
    public boolean isHold() {
        return isHold(session.connection());
    }

    /**
     * {@link #isHold()} with the session-level connection given: it is used when this media
     * description has no {@code c=} line of its own. (Session-level ICE credentials still come from
     * the description this was taken from.)
     */
    public boolean isHold(Connection sessionConnection) {
        Direction d = direction();
        if (d == Direction.SENDONLY || d == Direction.INACTIVE) {
            return true;
        }
        Connection c = connection().orElse(sessionConnection);
        return c != null && c.isHoldAddress() && iceUfrag().isEmpty();
    }

    /**
     * Whether the stream is rejected or disabled: port 0 without {@code a=bundle-only} (RFC 3264
     * §6, RFC 8843 §6).
     */
    public boolean isRejected() {
        return port == 0 && !hasAttribute("bundle-only");
    }

    /** {@code a=mid} (RFC 8843 §9). */
    public Optional<String> mid() {
        return attribute("mid").flatMap(Attribute::value);
    }

    /** {@code a=ice-ufrag}, media level then session level (RFC 8839 §5.4). */
    public Optional<String> iceUfrag() {
        return mediaOrSession("ice-ufrag").flatMap(Attribute::value);
    }

    /** {@code a=ice-pwd}, media level then session level. */
    public Optional<String> icePwd() {
        return mediaOrSession("ice-pwd").flatMap(Attribute::value);
    }

    /** The {@code a=ice-options} tokens (e.g. {@code trickle}), media level then session level. */
    public List<String> iceOptions() {
        return mediaOrSession("ice-options").map(a -> List.of(SdpChars.fields(a.valueOrEmpty()))).orElse(List.of());
    }

    /** The first well-formed {@code a=fingerprint}, media level then session level (RFC 8122 §5). */
    public Optional<Fingerprint> fingerprint() {
        List<Fingerprint> f = fingerprints();
        return f.isEmpty() ? Optional.empty() : Optional.of(f.get(0));
    }

    /** Every well-formed {@code a=fingerprint} of the media level, or else of the session level. */
    public List<Fingerprint> fingerprints() {
        List<Fingerprint> out = fingerprints(attributes);
        return out.isEmpty() ? fingerprints(session.attributes()) : out;
    }

    /** {@code a=setup}, media level then session level (RFC 4145 §4); empty when absent or unknown. */
    public Optional<Setup> setup() {
        return mediaOrSession("setup").flatMap(Attribute::value).flatMap(Setup::fromValue);
    }

    /** Whether RTP and RTCP share the port ({@code a=rtcp-mux}, RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** The well-formed {@code a=candidate} lines, in order (RFC 8839 §5.1). */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.is("candidate") && a.hasValue()) {
                Candidate.parse(a.valueOrEmpty()).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code a=end-of-candidates} is present (RFC 8838 §8.2). */
    public boolean endOfCandidates() {
        return hasAttribute("end-of-candidates") || AttributeEdits.first(session.attributes(), "end-of-candidates").isPresent();
    }

    /** The well-formed {@code a=ssrc} lines, in order (RFC 5576 §4.1). */
    public List<Ssrc> ssrcs() {
        List<Ssrc> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.is("ssrc") && a.hasValue()) {
                Ssrc.parse(a.valueOrEmpty()).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** The distinct SSRCs of the {@code a=ssrc} lines, in order of first appearance. */
    public List<Long> ssrcIds() {
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        ssrcs().forEach(s -> ids.add(s.id()));
        return List.copyOf(ids);
    }

    private Optional<Attribute> mediaOrSession(String name) {
        return attribute(name).or(() -> AttributeEdits.first(session.attributes(), name));
    }

    private static List<Fingerprint> fingerprints(List<Attribute> attributes) {
        List<Fingerprint> out = new ArrayList<>(1);
        for (Attribute a : attributes) {
            if (a.is("fingerprint") && a.hasValue()) {
                Fingerprint.parse(a.valueOrEmpty()).ifPresent(out::add);
            }
        }
        return out;
    }

    // ---- writing ----

    /** The {@code m=} line value, without {@code m=}. */
    public String encodeMediaLine() {
        StringBuilder sb = new StringBuilder(32 + formats.size() * 4);
        sb.append(media).append(' ').append(port);
        if (portCount != 0) {
            sb.append('/').append(portCount);
        }
        sb.append(' ').append(proto);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && port == m.port && portCount == m.portCount && media.equals(m.media)
                && proto.equals(m.proto) && formats.equals(m.formats) && Objects.equals(information, m.information)
                && connections.equals(m.connections) && bandwidths.equals(m.bandwidths) && Objects.equals(key, m.key)
                && attributes.equals(m.attributes) && unknownLines.equals(m.unknownLines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, portCount, proto, formats, information, connections, bandwidths, key,
                attributes, unknownLines);
    }

    /** The media section as SDP text, CRLF line endings, starting with {@code m=}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256);
        org.tabphone.sdp.internal.write.SdpWriter.writeMedia(this, sb);
        return sb.toString();
    }

    /**
     * Builds a {@link MediaDescription}. Media type, port and proto are required. Every setter
     * validates what it is given (no field with spaces, no NUL/CR/LF; trailing spaces and tabs of
     * text are dropped, as the parser drops them), so what is built can be written and parsed back to
     * an equal value.
     */
    public static final class Builder {
        private String media;
        private int port = -1;
        private int portCount;
        private String proto;
        private final List<String> formats = new ArrayList<>();
        private String information;
        private final List<Connection> connections = new ArrayList<>(1);
        private final List<Bandwidth> bandwidths = new ArrayList<>(1);
        private String key;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<UnknownLine> unknownLines = new ArrayList<>(0);
        private SessionLevel session = SessionLevel.NONE;

        private Builder() {
        }

        private Builder(MediaDescription m) {
            media = m.media;
            port = m.port;
            portCount = m.portCount;
            proto = m.proto;
            formats.addAll(m.formats);
            information = m.information;
            connections.addAll(m.connections);
            bandwidths.addAll(m.bandwidths);
            key = m.key;
            attributes.addAll(m.attributes);
            unknownLines.addAll(m.unknownLines);
            session = m.session;
        }

        /** The media type, e.g. {@code audio}. */
        public Builder media(String media) {
            this.media = field(media, "media type");
            return this;
        }

        /** 0-65535; 0 rejects (or, with {@code a=bundle-only}, bundles) the stream. */
        public Builder port(int port) {
            this.port = BuilderSupport.checkPort(port);
            return this;
        }

        /** The number of ports written after a slash; 0 for none (the default). */
        public Builder portCount(int portCount) {
            if (portCount < 0 || portCount > 65535) {
                throw new IllegalArgumentException("Port count out of range: " + portCount);
            }
            this.portCount = portCount;
            return this;
        }

        /** The transport protocol, e.g. {@code RTP/AVP}. */
        public Builder proto(String proto) {
            this.proto = field(proto, "proto");
            return this;
        }

        /** Replaces the formats (payload type numbers for RTP). */
        public Builder formats(List<String> formats) {
            List<String> copy = new ArrayList<>(formats.size());
            for (String f : formats) {
                copy.add(field(f, "format"));
            }
            BuilderSupport.replaceContents(this.formats, copy);
            return this;
        }

        /** Replaces the formats. */
        public Builder formats(String... formats) {
            return formats(List.of(formats));
        }

        /** Replaces the formats with payload type numbers. */
        public Builder payloadTypes(int... payloadTypes) {
            List<String> f = new ArrayList<>(payloadTypes.length);
            for (int pt : payloadTypes) {
                if (pt < 0 || pt > RtpMap.MAX_PAYLOAD_TYPE) {
                    throw new IllegalArgumentException("Payload type out of range: " + pt);
                }
                f.add(Integer.toString(pt));
            }
            return formats(f);
        }

        /** Appends one format. */
        public Builder addFormat(String format) {
            formats.add(field(format, "format"));
            return this;
        }

        /** The {@code i=} line; null for none. */
        public Builder information(String information) {
            this.information = text(information);
            return this;
        }

        /** Replaces the media-level {@code c=} lines with this one; null for none. */
        public Builder connection(Connection connection) {
            connections.clear();
            if (connection != null) {
                connections.add(connection);
            }
            return this;
        }

        /** Replaces the media-level {@code c=} lines. */
        public Builder connections(List<Connection> connections) {
            BuilderSupport.replaceContents(this.connections, connections);
            return this;
        }

        /** Replaces the {@code b=} lines. */
        public Builder bandwidths(List<Bandwidth> bandwidths) {
            BuilderSupport.replaceContents(this.bandwidths, bandwidths);
            return this;
        }

        public Builder addBandwidth(Bandwidth bandwidth) {
            bandwidths.add(Objects.requireNonNull(bandwidth));
            return this;
        }

        /** The {@code k=} line; null for none. */
        public Builder key(String key) {
            this.key = text(key);
            return this;
        }

        /** Replaces all attributes. */
        public Builder attributes(List<Attribute> attributes) {
            BuilderSupport.replaceContents(this.attributes, attributes);
            return this;
        }

        /** Appends an attribute. */
        public Builder addAttribute(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute));
            return this;
        }

        /** Appends {@code a=name:value} ({@code a=name} when value is null). */
        public Builder addAttribute(String name, String value) {
            return addAttribute(Attribute.of(name, value));
        }

        /** Appends every attribute of {@code attributes}. */
        public Builder addAttributes(List<Attribute> attributes) {
            this.attributes.addAll(List.copyOf(attributes));
            return this;
        }

        /**
         * Sets the single attribute named like {@code attribute}: it takes the place of the first
         * attribute with that name (case-insensitive), the others are removed; appended when there is none.
         */
        public Builder setAttribute(Attribute attribute) {
            return replaceAttributes(attribute.name(), List.of(attribute));
        }

        /** {@link #setAttribute(Attribute)} with {@code a=name:value} ({@code a=name} when value is null). */
        public Builder setAttribute(String name, String value) {
            return setAttribute(Attribute.of(name, value));
        }

        /**
         * Removes every attribute named {@code name} (case-insensitive) and puts {@code replacements}
         * where the first of them was (at the end when there was none), e.g. to swap the far side's
         * candidates for ours.
         */
        public Builder replaceAttributes(String name, List<Attribute> replacements) {
            AttributeEdits.replaceNamed(attributes, name, replacements);
            return this;
        }

        /** Removes every attribute named {@code name} (case-insensitive). */
        public Builder removeAttributes(String name) {
            AttributeEdits.removeNamed(attributes, name);
            return this;
        }

        /** Removes every attribute with one of these names (case-insensitive). */
        public Builder removeAttributes(String... names) {
            AttributeEdits.removeNamed(attributes, names);
            return this;
        }

        /** Removes every attribute {@code which} matches. */
        public Builder removeAttributes(Predicate<Attribute> which) {
            attributes.removeIf(which);
            return this;
        }

        /**
         * Sets the media-level direction: the first direction attribute is replaced, any others
         * removed; appended when there is none.
         */
        public Builder direction(Direction direction) {
            AttributeEdits.setDirection(attributes, direction);
            return this;
        }

        /** Replaces the lines of unknown type. */
        public Builder unknownLines(List<UnknownLine> lines) {
            BuilderSupport.replaceContents(unknownLines, lines);
            return this;
        }

        public Builder addUnknownLine(UnknownLine line) {
            unknownLines.add(Objects.requireNonNull(line));
            return this;
        }

        /** @throws IllegalStateException if media type, port or proto is missing */
        public MediaDescription build() {
            if (media == null || port < 0 || proto == null) {
                throw new IllegalStateException("A media description needs media type, port and proto");
            }
            return new MediaDescription(this, session);
        }

        private static String field(String s, String what) {
            if (!SdpChars.isField(s)) {
                throw new IllegalArgumentException("Bad " + what + ": " + (s == null ? null : SdpChars.excerpt(s, 40)));
            }
            return s;
        }

        private static String text(String s) {
            return SdpChars.text(s);
        }
    }
}
