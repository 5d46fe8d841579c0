package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.cdr.api.CdrStore;
import org.tabphone.cdr.api.CdrVerification;

/**
 * {@code tabphone:cdr-verify}: checks every record's signature, the hash chain and the sequence;
 * names each edited, removed, reordered or unreadable record, and fails (for scripts) if any.
 */
@Command(scope = "tabphone", name = "cdr-verify",
         description = "Verifies the CDR store: signatures, hash chain, no record edited, removed or reordered")
@Service
public final class CdrVerifyCommand implements Action {
    @Reference
    private CdrStore store;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        CdrVerification v = store.verify();
        String range = v.records() == 0 ? "no records" : v.records() + " records (" + v.firstSeq() + "-" + v.lastSeq() + ")";
        if (v.ok()) {
            session.getConsole().println("CDR store OK: " + range + ", signatures and hash chain intact");
            return null;
        }
        for (CdrVerification.Problem p : v.problems()) {
            session.getConsole().println(p.kind() + " " + p.where() + ": " + p.detail());
        }
        throw new IllegalStateException("CDR store FAILED verification: " + v.problems().size() + " problem(s) in "
            + range);
    }
}
