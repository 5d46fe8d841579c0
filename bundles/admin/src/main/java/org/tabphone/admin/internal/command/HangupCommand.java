package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.call.api.CallService;

/** {@code tabphone:hangup <call>}: ends a live call (CANCEL while ringing, BYE to both legs when answered). */
@Command(scope = "tabphone", name = "hangup", description = "Ends a live call")
@Service
public final class HangupCommand implements Action {
    @Reference
    private CallService calls;

    @Reference
    private Session session;

    @Argument(index = 0, name = "call", description = "Call id, as tabphone:calls shows it", required = true)
    private String callId;

    @Override
    public Object execute() {
        if (!calls.hangup(callId)) {
            throw new IllegalArgumentException("No live call " + callId + " (see tabphone:calls)");
        }
        session.getConsole().println("call " + callId + " ended");
        return null;
    }
}
