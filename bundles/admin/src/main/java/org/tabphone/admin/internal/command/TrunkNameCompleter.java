package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tabphone.trunk.api.TrunkInfo;
import org.tabphone.trunk.api.TrunkService;

/** Completes trunk names. */
@Service
public final class TrunkNameCompleter implements Completer {
    @Reference
    private TrunkService trunks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (TrunkInfo t : trunks.trunks()) {
            names.getStrings().add(t.settings().name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
