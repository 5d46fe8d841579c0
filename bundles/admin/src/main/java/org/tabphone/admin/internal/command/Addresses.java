package org.tabphone.admin.internal.command;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Operator input that must be an IP address: never a name (no DNS lookup from the shell's thread). */
public final class Addresses {
    private Addresses() {
    }

    public static InetAddress literal(String address) throws UnknownHostException {
        String a = address.trim();
        if (!a.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new UnknownHostException("not an IP address: " + address);
        }
        return InetAddress.getByName(a); // a literal: parsed, not looked up
    }
}
