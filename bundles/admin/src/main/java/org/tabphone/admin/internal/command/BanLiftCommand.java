package org.tabphone.admin.internal.command;

import java.net.UnknownHostException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.registrar.api.AuthBans;

/** {@code tabphone:ban-lift <address>}: forgets a source's wrong passwords, so it may register at once. */
@Command(scope = "tabphone", name = "ban-lift", description = "Lifts the ban of a source banned for wrong passwords")
@Service
public class BanLiftCommand implements Action {
    @Reference
    private AuthBans bans;

    @Reference
    private Session session;

    @Argument(index = 0, name = "address", description = "The source's IP address, as tabphone:bans shows it", required = true)
    private String address;

    @Override
    public Object execute() throws UnknownHostException {
        if (bans.lift(Addresses.literal(address))) {
            session.getConsole().printf("%s may register again%n", address);
            return null;
        }
        throw new IllegalArgumentException("no wrong passwords counted for " + address);
    }
}
