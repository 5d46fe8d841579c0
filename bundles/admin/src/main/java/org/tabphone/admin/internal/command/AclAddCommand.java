package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.acl.api.AccessControl;
import org.tabphone.acl.api.AclRule;

/** {@code tabphone:acl-add demo deny 198.51.100.0/24 REGISTER udp}: stores a rule in Config Admin; applies at once. */
@Command(scope = "tabphone", name = "acl-add", description = "Adds an access rule: <scope> <allow|deny> <cidr|any> [REGISTER|INVITE|any] [udp|tcp|tls|ws|wss|any]")
@Service
public final class AclAddCommand implements Action {
    @Reference
    private AccessControl acl;

    @Reference
    private Session session;

    @Option(name = "-p", aliases = "--position", description = "1 = checked first; default: last")
    private int position;

    @Argument(index = 0, name = "scope", required = true, description = "global or a tenant name")
    @Completion(AclScopeCompleter.class)
    private String scope;

    @Argument(index = 1, name = "rule", required = true, multiValued = true,
              description = "<allow|deny> <cidr|any> [REGISTER|INVITE|any] [udp|tcp|tls|ws|wss|any]")
    private List<String> rule;

    @Override
    public Object execute() {
        AclRule r;
        try {
            r = AclRule.parse(String.join(" ", rule));
            acl.addRule(scope, r, position);
        } catch (IllegalArgumentException | IllegalStateException e) {
            session.getConsole().println("Error: " + e.getMessage());
            return null;
        }
        session.getConsole().printf("%s: added '%s'; %d rule(s) now%n", scope, r, acl.rules(scope).size());
        return null;
    }
}
