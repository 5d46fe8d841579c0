package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.cdr.api.CdrStore;

/** {@code tabphone:cdr-key}: the Ed25519 public key CDRs are signed with (PEM), to verify them elsewhere. */
@Command(scope = "tabphone", name = "cdr-key", description = "Prints the public key CDRs are signed with (PEM)")
@Service
public final class CdrKeyCommand implements Action {
    @Reference
    private CdrStore store;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        session.getConsole().print(store.publicKeyPem());
        return null;
    }
}
