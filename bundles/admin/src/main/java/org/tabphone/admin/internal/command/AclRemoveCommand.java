package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.acl.api.AccessControl;
import org.tabphone.acl.api.AclRule;

/** {@code tabphone:acl-remove demo 2}: removes a rule by its position in {@code tabphone:acl-list}. */
@Command(scope = "tabphone", name = "acl-remove", description = "Removes an access rule by scope and position (see tabphone:acl-list)")
@Service
public final class AclRemoveCommand implements Action {
    @Reference
    private AccessControl acl;

    @Reference
    private Session session;

    @Argument(index = 0, name = "scope", required = true, description = "global or a tenant name")
    @Completion(AclScopeCompleter.class)
    private String scope;

    @Argument(index = 1, name = "position", required = true, description = "the rule's # in tabphone:acl-list")
    private int position;

    @Override
    public Object execute() {
        try {
            AclRule removed = acl.removeRule(scope, position);
            session.getConsole().printf("%s: removed '%s'; %d rule(s) left%n", scope, removed, acl.rules(scope).size());
        } catch (IllegalArgumentException | IllegalStateException e) {
            session.getConsole().println("Error: " + e.getMessage());
        }
        return null;
    }
}
