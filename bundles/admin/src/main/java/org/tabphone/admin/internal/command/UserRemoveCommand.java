package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tabphone.registrar.api.LocationService;

/** {@code tabphone:user-remove <tenant> <user>}: the user and its registrations go at once. */
@Command(scope = "tabphone", name = "user-remove", description = "Removes a user and drops its registrations;"
    + " calls in progress stay up")
@Service
public final class UserRemoveCommand extends UserCommandSupport {
    @Reference
    private LocationService locations;

    @Override
    protected String change() throws Exception {
        users.remove(tenant, user);
        // after the file change: a REGISTER racing in now finds no user and cannot re-add a binding
        int dropped = locations.unregister(tenant, user);
        return "User " + user + " removed from tenant " + tenant + " (" + dropped + " registration"
            + (dropped == 1 ? "" : "s") + " dropped)";
    }
}
