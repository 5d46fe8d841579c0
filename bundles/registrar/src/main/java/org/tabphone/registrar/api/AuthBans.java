package org.tabphone.registrar.api;

import java.net.InetAddress;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sources the registrar counts wrong passwords for (REGISTER digest failures), and those it
 * refuses with 403 for having too many ({@code max.auth.failures} within {@code auth.ban.seconds}).
 * For the shell and JMX.
 */
@ProviderType
public interface AuthBans {

    /** Every source with failures counted, banned ones first, then by most failures. */
    List<Ban> sources();

    /** Forgets a source's failures: it may register at once. False when none were counted for it. */
    boolean lift(InetAddress source);

    /**
     * One source.
     *
     * @param failures    wrong passwords counted within the ban period
     * @param banned      refused until {@code secondsLeft} have passed without another failure
     * @param secondsLeft until its count is forgotten
     */
    record Ban(InetAddress source, int failures, boolean banned, long secondsLeft) {
    }
}
