package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code tabphone:trunk-list}: the same table as {@code tabphone:trunks}, named like trunk-add/-set/-remove. */
@Command(scope = "tabphone", name = "trunk-list", description = "Lists trunks (same as tabphone:trunks)")
@Service
public final class TrunkListCommand extends TrunksCommand {
}
