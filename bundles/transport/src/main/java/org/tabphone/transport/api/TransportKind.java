package org.tabphone.transport.api;

import java.util.Locale;
import java.util.Optional;

/** The transports a SIP message can travel on, with the token each puts in a Via (RFC 3261 §20.42, RFC 7118 §5.2). */
public enum TransportKind {
    UDP(false, false),
    TCP(true, false),
    TLS(true, true),
    WS(true, false),
    WSS(true, true);

    private final boolean stream;
    private final boolean secure;

    TransportKind(boolean stream, boolean secure) {
        this.stream = stream;
        this.secure = secure;
    }

    /** Connection-oriented: responses go back on the same connection (RFC 3261 §18.2.2). */
    public boolean isStream() {
        return stream;
    }

    public boolean isSecure() {
        return secure;
    }

    /** WS or WSS: peers behind it are reachable only through their flow (RFC 7118 §5). */
    public boolean isWebSocket() {
        return this == WS || this == WSS;
    }

    /** The transport token of a Via header, e.g. {@code WSS}. */
    public String viaToken() {
        return name();
    }

    /** Parses a Via or URI transport token, case-insensitively. */
    public static Optional<TransportKind> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(token.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
