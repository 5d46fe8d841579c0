package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.transport.api.TlsCertificate;
import org.tabphone.transport.api.TlsCertificates;

/** {@code tabphone:certs}: the default TLS certificate and every file of the certificates folder. */
@Command(scope = "tabphone", name = "certs", description = "Lists the TLS certificates chosen by SNI: file, names, expiry, status")
@Service
public final class CertsCommand implements Action {
    @Reference
    private TlsCertificates certificates;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("File");
        table.column("Names");
        table.column("Not after");
        table.column("Status");
        table.column("Detail");
        int problems = 0;
        for (TlsCertificate c : certificates.certificates()) {
            table.addRow().addContent(c.source(), String.join(",", c.names()),
                c.notAfter().map(Object::toString).orElse("-"), c.status(), c.detail());
            if (c.status() != TlsCertificate.Status.OK) {
                problems++;
            }
        }
        table.print(session.getConsole());
        session.getConsole().printf("%d certificate(s), %d not served%n", certificates.certificates().size(), problems);
        return null;
    }
}
