package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.acl.api.AccessControl;
import org.tabphone.acl.api.AclRule;
import org.tabphone.acl.api.AclStatistics;

/** {@code tabphone:acl-list [scope]}: the rules in the order they are checked, and the decision counters. */
@Command(scope = "tabphone", name = "acl-list", description = "Lists the access rules (global first, then per tenant) and counters")
@Service
public final class AclListCommand implements Action {
    @Reference
    private AccessControl acl;

    @Reference
    private Session session;

    @Argument(index = 0, name = "scope", description = "global or a tenant name; all when omitted")
    @Completion(AclScopeCompleter.class)
    private String scope;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Scope");
        table.column("#");
        table.column("Action");
        table.column("Network");
        table.column("Method");
        table.column("Transport");
        List<String> scopes = scope == null ? acl.scopes() : List.of(scope);
        for (String s : scopes) {
            List<AclRule> rules = acl.rules(s);
            for (int i = 0; i < rules.size(); i++) {
                AclRule r = rules.get(i);
                table.addRow().addContent(s, i + 1, r.allow() ? "allow" : "deny", r.network(), r.method().orElse("any"),
                    r.transport().map(t -> t.name().toLowerCase()).orElse("any"));
            }
        }
        table.print(session.getConsole());
        AclStatistics st = acl.statistics();
        session.getConsole().printf("%d checked, %d allowed by a rule, %d denied (403), %d dropped, %d rate-limited,"
            + " %d from scanners; denied by scope: %s%n", st.checked(), st.allowedByRule(), st.denied(), st.dropped(),
            st.throttled(), st.scanners(), st.deniedByScope());
        return null;
    }
}
