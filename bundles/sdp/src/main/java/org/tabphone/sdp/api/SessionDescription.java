package org.tabphone.sdp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.tabphone.sdp.internal.parse.SdpChars;
import org.tabphone.sdp.internal.parse.SdpParser;
import org.tabphone.sdp.internal.write.SdpWriter;

/**
 * A session description (RFC 8866 §5), immutable. {@link #parse(byte[])} reads one,
 * {@link #encode()} writes it in RFC 8866 order with CRLF line endings, {@link #toBuilder()} derives
 * a changed copy.
 *
 * <p>Everything is kept: unknown attributes, repeated lines, and lines of a type RFC 8866 does not
 * define ({@link UnknownLine}), so parsing and writing again gives the same description; a
 * description already in RFC 8866 order with CRLF line endings and single spaces comes back byte for
 * byte.
 *
 * <p>The parser is lenient where peers are sloppy and it does not matter (LF-only line endings,
 * trailing whitespace, blank lines, runs of spaces between fields, lines in an unusual order within
 * a level, a missing {@code t=}) and strict about what the gateway relies on: {@code v=} first,
 * {@code o=} and {@code s=} present, well-formed {@code o= c= b= t= m=} lines, ports in range.
 * Attribute values are only read when asked for, and a malformed one is then skipped.
 */
public final class SessionDescription {
    /** The largest description {@link #parse} accepts: 64 KiB (a browser offer with video is about 6 KiB). */
    public static final int MAX_BYTES = 64 * 1024;
    /** The most lines {@link #parse} accepts, blank lines not counted. */
    public static final int MAX_LINES = 1000;

    private final int version;
    private final Origin origin;
    private final String sessionName;
    private final String information;
    private final String uri;
    private final List<String> emails;
    private final List<String> phones;
    private final Connection connection;
    private final List<Bandwidth> bandwidths;
    private final List<Timing> timings;
    private final String timeZones;
    private final String key;
    private final List<Attribute> attributes;
    private final List<UnknownLine> unknownLines;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        this.version = b.version;
        this.origin = b.origin;
        this.sessionName = b.sessionName;
        this.information = b.information;
        this.uri = b.uri;
        this.emails = List.copyOf(b.emails);
        this.phones = List.copyOf(b.phones);
        this.connection = b.connection;
        this.bandwidths = List.copyOf(b.bandwidths);
        this.timings = List.copyOf(b.timings);
        this.timeZones = b.timeZones;
        this.key = b.key;
        this.attributes = List.copyOf(b.attributes);
        this.unknownLines = List.copyOf(b.unknownLines);
        MediaDescription.SessionLevel level = new MediaDescription.SessionLevel(attributes, connection);
        List<MediaDescription> bound = new ArrayList<>(b.media.size());
        for (MediaDescription m : b.media) {
            bound.add(m.bind(level));
        }
        this.media = List.copyOf(bound);
    }

    /**
     * Parses a session description.
     *
     * @throws SdpParseException if it is malformed or larger than {@link #MAX_BYTES} characters or
     *                           {@link #MAX_LINES} lines
     */
    public static SessionDescription parse(String text) throws SdpParseException {
        return SdpParser.parse(text);
    }

    /**
     * Parses a session description from UTF-8 (ISO-8859-1 when it is not valid UTF-8), e.g. a SIP
     * message body.
     *
     * @throws SdpParseException if it is malformed or larger than {@link #MAX_BYTES} bytes or
     *                           {@link #MAX_LINES} lines
     */
    public static SessionDescription parse(byte[] bytes) throws SdpParseException {
        return SdpParser.parse(bytes, 0, bytes.length);
    }

    /**
     * Parses {@code length} bytes of {@code bytes} from {@code offset}.
     *
     * @throws SdpParseException         if they are malformed or too large
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
     */
    public static SessionDescription parse(byte[] bytes, int offset, int length) throws SdpParseException {
        return SdpParser.parse(bytes, offset, length);
    }

    /**
     * A builder for a new description: {@code v=0}, {@code s=-}, {@code t=0 0}; the origin must be set.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this description's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code v=}, always 0 in practice. */
    public int version() {
        return version;
    }

    public Origin origin() {
        return origin;
    }

    /** {@code s=}; empty when the line was {@code s= }. */
    public String sessionName() {
        return sessionName;
    }

    /** {@code i=}. */
    public Optional<String> information() {
        return Optional.ofNullable(information);
    }

    /** {@code u=}. */
    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    /** {@code e=} lines. */
    public List<String> emails() {
        return emails;
    }

    /** {@code p=} lines. */
    public List<String> phones() {
        return phones;
    }

    /** The session-level {@code c=} line. */
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    /** Session-level {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** {@code t=} lines, each with its {@code r=} lines. */
    public List<Timing> timings() {
        return timings;
    }

    /** The {@code z=} line value, as written. */
    public Optional<String> timeZones() {
        return Optional.ofNullable(timeZones);
    }

    /** The session-level {@code k=} line value (obsolete, kept as written). */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** Session-level attributes, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** Session-level lines with a type letter RFC 8866 does not define, in order. */
    public List<UnknownLine> unknownLines() {
        return unknownLines;
    }

    /** The media descriptions, in order; each falls back to this description's session level. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The first session-level attribute named {@code name} (case-insensitive). */
    public Optional<Attribute> attribute(String name) {
        return AttributeEdits.first(attributes, name);
    }

    /** Every session-level attribute named {@code name} (case-insensitive), in order. */
    public List<Attribute> attributes(String name) {
        return AttributeEdits.all(attributes, name);
    }

    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** The session-level direction attribute, if any. */
    public Optional<Direction> direction() {
        return AttributeEdits.direction(attributes);
    }

    /**
     * The identification tags of the first {@code a=group:BUNDLE} (RFC 8843 §7), e.g.
     * {@code [audio, video]}; empty when there is none.
     */
    public List<String> bundleGroup() {
        return group("BUNDLE").orElse(List.of());
    }

    /** The identification tags of the first {@code a=group:<semantics>} (RFC 5888 §5), if any. */
    public Optional<List<String>> group(String semantics) {
        for (Attribute a : attributes) {
            if (a.is("group") && a.hasValue()) {
                String[] f = SdpChars.fields(a.valueOrEmpty());
                if (f.length > 0 && f[0].equalsIgnoreCase(semantics)) {
                    return Optional.of(List.of(f).subList(1, f.length));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the session-level {@code a=ice-lite} is present (RFC 8839 §5.3). */
    public boolean isIceLite() {
        return hasAttribute("ice-lite");
    }

    /** The media description whose {@code a=mid} is {@code mid}. */
    public Optional<MediaDescription> mediaByMid(String mid) {
        for (MediaDescription m : media) {
            if (m.mid().filter(mid::equals).isPresent()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The SDP text: RFC 8866 line order, CRLF line endings. */
    public String encode() {
        return SdpWriter.write(this);
    }

    /** {@link #encode()} as UTF-8 bytes, e.g. for a SIP body. */
    public byte[] toBytes() {
        return encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same as {@link #encode()}. */
    @Override
    public String toString() {
        return encode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && version == s.version && origin.equals(s.origin)
                && sessionName.equals(s.sessionName) && Objects.equals(information, s.information)
                && Objects.equals(uri, s.uri) && emails.equals(s.emails) && phones.equals(s.phones)
                && Objects.equals(connection, s.connection) && bandwidths.equals(s.bandwidths)
                && timings.equals(s.timings) && Objects.equals(timeZones, s.timeZones) && Objects.equals(key, s.key)
                && attributes.equals(s.attributes) && unknownLines.equals(s.unknownLines) && media.equals(s.media);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, origin, sessionName, information, uri, emails, phones, connection, bandwidths,
                timings, timeZones, key, attributes, unknownLines, media);
    }

    /**
     * Builds a {@link SessionDescription}. Every setter validates what it is given (no NUL/CR/LF in
     * text; trailing spaces and tabs are dropped, as the parser drops them), so what is built can be
     * written and parsed back to an equal value.
     */
    public static final class Builder {
        private int version;
        private Origin origin;
        private String sessionName = "-";
        private String information;
        private String uri;
        private final List<String> emails = new ArrayList<>(0);
        private final List<String> phones = new ArrayList<>(0);
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>(0);
        private final List<Timing> timings = new ArrayList<>(List.of(Timing.PERMANENT));
        private String timeZones;
        private String key;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<UnknownLine> unknownLines = new ArrayList<>(0);
        private final List<MediaDescription> media = new ArrayList<>(2);

        private Builder() {
        }

        private Builder(SessionDescription s) {
            version = s.version;
            origin = s.origin;
            sessionName = s.sessionName;
            information = s.information;
            uri = s.uri;
            emails.addAll(s.emails);
            phones.addAll(s.phones);
            connection = s.connection;
            bandwidths.addAll(s.bandwidths);
            timings.clear();
            timings.addAll(s.timings);
            timeZones = s.timeZones;
            key = s.key;
            attributes.addAll(s.attributes);
            unknownLines.addAll(s.unknownLines);
            media.addAll(s.media);
        }

        /** {@code v=}; 0 (the default) is the only version there is. */
        public Builder version(int version) {
            if (version < 0) {
                throw new IllegalArgumentException("Negative version");
            }
            this.version = version;
            return this;
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin);
            return this;
        }

        /** {@code s=}; an empty name is written {@code s= } (RFC 8866 §5.3). */
        public Builder sessionName(String sessionName) {
            this.sessionName = Objects.requireNonNull(text(sessionName));
            return this;
        }

        /** {@code i=}; null for none. */
        public Builder information(String information) {
            this.information = text(information);
            return this;
        }

        /** {@code u=}; null for none. */
        public Builder uri(String uri) {
            this.uri = text(uri);
            return this;
        }

        /** Replaces the {@code e=} lines. */
        public Builder emails(List<String> emails) {
            BuilderSupport.replaceContents(this.emails, texts(emails));
            return this;
        }

        /** Replaces the {@code p=} lines. */
        public Builder phones(List<String> phones) {
            BuilderSupport.replaceContents(this.phones, texts(phones));
            return this;
        }

        /** The session-level {@code c=} line; null for none. */
        public Builder connection(Connection connection) {
            this.connection = connection;
            return this;
        }

        /** Replaces the session-level {@code b=} lines. */
        public Builder bandwidths(List<Bandwidth> bandwidths) {
            BuilderSupport.replaceContents(this.bandwidths, bandwidths);
            return this;
        }

        public Builder addBandwidth(Bandwidth bandwidth) {
            bandwidths.add(Objects.requireNonNull(bandwidth));
            return this;
        }

        /** Replaces the {@code t=} lines (the default is one {@code t=0 0}). */
        public Builder timings(List<Timing> timings) {
            BuilderSupport.replaceContents(this.timings, timings);
            return this;
        }

        /** The {@code z=} value; null for none. */
        public Builder timeZones(String timeZones) {
            this.timeZones = text(timeZones);
            return this;
        }

        /** The session-level {@code k=} value; null for none. */
        public Builder key(String key) {
            this.key = text(key);
            return this;
        }

        /** Replaces all session-level attributes. */
        public Builder attributes(List<Attribute> attributes) {
            BuilderSupport.replaceContents(this.attributes, attributes);
            return this;
        }

        /** Appends a session-level attribute. */
        public Builder addAttribute(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute));
            return this;
        }

        /** Appends {@code a=name:value} ({@code a=name} when value is null). */
        public Builder addAttribute(String name, String value) {
            return addAttribute(Attribute.of(name, value));
        }

        /**
         * Sets the single session-level attribute named like {@code attribute}: it takes the place of
         * the first one with that name (case-insensitive), the others are removed; appended when there is none.
         */
        public Builder setAttribute(Attribute attribute) {
            return replaceAttributes(attribute.name(), List.of(attribute));
        }

        /** {@link #setAttribute(Attribute)} with {@code a=name:value} ({@code a=name} when value is null). */
        public Builder setAttribute(String name, String value) {
            return setAttribute(Attribute.of(name, value));
        }

        /**
         * Removes every session-level attribute named {@code name} (case-insensitive) and puts
         * {@code replacements} where the first of them was (at the end when there was none).
         */
        public Builder replaceAttributes(String name, List<Attribute> replacements) {
            AttributeEdits.replaceNamed(attributes, name, replacements);
            return this;
        }

        /** Removes every session-level attribute named {@code name} (case-insensitive). */
        public Builder removeAttributes(String name) {
            AttributeEdits.removeNamed(attributes, name);
            return this;
        }

        /** Removes every session-level attribute with one of these names (case-insensitive). */
        public Builder removeAttributes(String... names) {
            AttributeEdits.removeNamed(attributes, names);
            return this;
        }

        /** Removes every session-level attribute {@code which} matches. */
        public Builder removeAttributes(Predicate<Attribute> which) {
            attributes.removeIf(which);
            return this;
        }

        /** Sets the session-level direction (replacing any), or removes it when {@code direction} is null. */
        public Builder direction(Direction direction) {
            AttributeEdits.setOrRemoveDirection(attributes, direction);
            return this;
        }

        /** Replaces the session-level lines of unknown type. */
        public Builder unknownLines(List<UnknownLine> lines) {
            BuilderSupport.replaceContents(unknownLines, lines);
            return this;
        }

        public Builder addUnknownLine(UnknownLine line) {
            unknownLines.add(Objects.requireNonNull(line));
            return this;
        }

        /** Replaces the media descriptions. */
        public Builder media(List<MediaDescription> media) {
            BuilderSupport.replaceContents(this.media, media);
            return this;
        }

        public Builder addMedia(MediaDescription media) {
            this.media.add(Objects.requireNonNull(media));
            return this;
        }

        /** Replaces the media description at {@code index}. */
        public Builder setMedia(int index, MediaDescription media) {
            this.media.set(index, Objects.requireNonNull(media));
            return this;
        }

        /** Replaces each media description with what {@code edit} makes of it. */
        public Builder editMedia(UnaryOperator<MediaDescription> edit) {
            this.media.replaceAll(m -> Objects.requireNonNull(edit.apply(m)));
            return this;
        }

        public Builder removeMedia(int index) {
            this.media.remove(index);
            return this;
        }

        /** @throws IllegalStateException if the origin is not set */
        public SessionDescription build() {
            if (origin == null) {
                throw new IllegalStateException("A session description needs an origin (o=)");
            }
            return new SessionDescription(this);
        }

        private static String text(String s) {
            return SdpChars.text(s);
        }

        private static List<String> texts(List<String> list) {
            List<String> copy = new ArrayList<>(list.size());
            for (String s : list) {
                copy.add(text(Objects.requireNonNull(s)));
            }
            return copy;
        }
    }
}
