package org.tabphone.admin.internal.command;

import java.util.regex.Pattern;

import org.apache.karaf.shell.api.console.CommandLoggingFilter;
import org.osgi.service.component.annotations.Component;

/**
 * Masks the password of {@code user-add} and {@code user-passwd} wherever Karaf logs a command
 * line it ran (the shell's command log, tracked as OSGi services like Karaf's own filters).
 */
@Component(service = CommandLoggingFilter.class)
public final class PasswordLoggingFilter implements CommandLoggingFilter {
    /** {@code [tabphone:]user-add|user-passwd <tenant> <user> <password>}: group 2 is the password. */
    private static final Pattern PASSWORD = Pattern.compile("((?:tabphone:)?user-(?:add|passwd)\\s+\\S+\\s+\\S+\\s+)(\\S+)");

    @Override
    public CharSequence filter(CharSequence command) {
        return PASSWORD.matcher(command).replaceAll("$1*****");
    }
}
