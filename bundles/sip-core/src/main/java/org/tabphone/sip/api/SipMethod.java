package org.tabphone.sip.api;

import java.util.List;
import org.tabphone.sip.internal.parse.CharClass;

/**
 * A request method (RFC 3261 §7.1, §27.4). Methods are case-sensitive tokens: {@code RE%47IST%45R}
 * is an extension method, not REGISTER (RFC 4475 §3.1.1.5), and {@code invite} is not INVITE.
 * {@link #of(String)} returns the constant for a standard method, so {@code ==} works for those, but
 * compare with {@link #equals(Object)}.
 */
public final class SipMethod {
    public static final SipMethod INVITE = new SipMethod("INVITE");
    public static final SipMethod ACK = new SipMethod("ACK");
    public static final SipMethod BYE = new SipMethod("BYE");
    public static final SipMethod CANCEL = new SipMethod("CANCEL");
    public static final SipMethod OPTIONS = new SipMethod("OPTIONS");
    public static final SipMethod REGISTER = new SipMethod("REGISTER");
    /** RFC 3262. */
    public static final SipMethod PRACK = new SipMethod("PRACK");
    /** RFC 6665. */
    public static final SipMethod SUBSCRIBE = new SipMethod("SUBSCRIBE");
    /** RFC 6665. */
    public static final SipMethod NOTIFY = new SipMethod("NOTIFY");
    /** RFC 3903. */
    public static final SipMethod PUBLISH = new SipMethod("PUBLISH");
    /** RFC 6086. */
    public static final SipMethod INFO = new SipMethod("INFO");
    /** RFC 3515. */
    public static final SipMethod REFER = new SipMethod("REFER");
    /** RFC 3428. */
    public static final SipMethod MESSAGE = new SipMethod("MESSAGE");
    /** RFC 3311. */
    public static final SipMethod UPDATE = new SipMethod("UPDATE");

    private static final List<SipMethod> STANDARD = List.of(INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK,
            SUBSCRIBE, NOTIFY, PUBLISH, INFO, REFER, MESSAGE, UPDATE);

    private final String name;

    private SipMethod(String name) {
        this.name = name;
    }

    /**
     * The method named {@code name}, exactly as spelled.
     *
     * @throws IllegalArgumentException if {@code name} is not a token
     */
    public static SipMethod of(String name) {
        for (SipMethod m : STANDARD) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        if (!CharClass.isToken(name)) {
            throw new IllegalArgumentException("Method is not a token: " + name);
        }
        return new SipMethod(name);
    }

    /** The methods this class has constants for. */
    public static List<SipMethod> standardMethods() {
        return STANDARD;
    }

    public String name() {
        return name;
    }

    /** Whether this is one of the {@link #standardMethods()} rather than an extension method. */
    public boolean isStandard() {
        return STANDARD.contains(this);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof SipMethod m && m.name.equals(name));
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
