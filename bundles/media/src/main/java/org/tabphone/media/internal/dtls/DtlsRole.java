package org.tabphone.media.internal.dtls;

import java.util.Locale;

/**
 * Which side of the DTLS handshake we play, derived from SDP {@code a=setup}
 * (RFC 4145 4, RFC 5763 5): {@code active} is the DTLS client, {@code passive} the server.
 */
public enum DtlsRole {
    CLIENT("active"),
    SERVER("passive");

    private final String setup;

    DtlsRole(String setup) {
        this.setup = setup;
    }

    /** The {@code a=setup} value that announces this role in our SDP. */
    public String setupAttributeValue() {
        return setup;
    }

    /**
     * We answer: the offer carried {@code offeredSetup}. {@code actpass} (what browsers offer) and
     * {@code active} make us answer {@code passive} and be the server; {@code passive} makes us the
     * client. An absent attribute means {@code active} (RFC 4145 4).
     *
     * @throws IllegalArgumentException for {@code holdconn} or an unknown value
     */
    public static DtlsRole forAnswer(String offeredSetup) {
        switch (normalise(offeredSetup)) {
            case "actpass":
            case "active":
                return SERVER;
            case "passive":
                return CLIENT;
            default:
                throw new IllegalArgumentException("cannot answer a=setup:" + offeredSetup + " with DTLS");
        }
    }

    /**
     * We offered {@code actpass}; the answer carried {@code answeredSetup}. {@code active} makes
     * us the server, {@code passive} the client. An absent attribute means {@code active}.
     *
     * @throws IllegalArgumentException for {@code actpass}/{@code holdconn} in an answer, or an unknown value
     */
    public static DtlsRole forOfferAnswered(String answeredSetup) {
        switch (normalise(answeredSetup)) {
            case "active":
                return SERVER;
            case "passive":
                return CLIENT;
            default:
                throw new IllegalArgumentException("invalid a=setup:" + answeredSetup + " in an answer");
        }
    }

    private static String normalise(String setup) {
        return setup == null || setup.isBlank() ? "active" : setup.trim().toLowerCase(Locale.ROOT);
    }
}
