package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.console.Command;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every {@code tabphone:} command in the real assembly: each one (found in the shell's registry,
 * so a new command is covered without a change here) answers {@code --help} with its syntax, and
 * the listing commands print a well-formed table. What the tables hold is checked by the feature
 * itests (CallsTest, TrunksTest, CdrTest, ...).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsTest extends TabphoneTestSupport {

    /** Commands that only read, with the arguments they need here. */
    private static final List<String> LISTINGS = List.of("tabphone:tenants", "tabphone:users demo",
        "tabphone:registrations", "tabphone:registrations demo", "tabphone:flows", "tabphone:calls", "tabphone:media",
        "tabphone:trunks", "tabphone:trunk-list", "tabphone:certs", "tabphone:cdrs", "tabphone:acl-list",
        "tabphone:acl-list demo");

    private TreeSet<String> tabphoneCommands() throws InterruptedException {
        TreeSet<String> names = new TreeSet<>();
        for (int i = 0; i < 50 && names.size() < 10; i++) { // the admin bundle's commands register at boot
            names = sessionFactory.getRegistry().getCommands().stream().filter(c -> "tabphone".equals(c.getScope()))
                .map(Command::getName).collect(Collectors.toCollection(TreeSet::new));
            Thread.sleep(200);
        }
        return names;
    }

    @Test
    public void everyCommandAnswersHelpWithItsSyntax() throws Exception {
        TreeSet<String> names = tabphoneCommands();
        assertTrue("tabphone commands: " + names, names.containsAll(List.of("tenants", "users", "registrations", "flows",
            "calls", "hangup", "media", "trunks", "trunk-add", "trunk-set", "trunk-remove", "certs", "cdrs", "cdr-verify",
            "cdr-key", "acl-list", "acl-add", "acl-remove", "tenant-add", "tenant-remove", "user-add", "user-passwd", "user-set",
            "user-remove")));
        for (String name : names) {
            String help = executeCommand("tabphone:" + name + " --help");
            assertTrue(name + " --help:\n" + help, help.contains("DESCRIPTION") && help.contains("SYNTAX"));
            assertTrue(name + " --help names the command:\n" + help, help.contains("tabphone:" + name));
        }
    }

    @Test
    public void listingsPrintWellFormedTables() throws Exception {
        tabphoneCommands();
        int tables = 0;
        for (String command : LISTINGS) {
            String out = executeCommand(command);
            assertTrue(command + " printed nothing", !out.isBlank());
            List<String> rows = out.lines().filter(l -> l.contains("|")).collect(Collectors.toList());
            if (rows.isEmpty()) {
                continue; // a summary line only, e.g. "0 trunks"
            }
            tables++;
            int columns = rows.get(0).split("\\|", -1).length;
            assertTrue(command + ": header without titles:\n" + out, rows.get(0).matches(".*[A-Za-z].*"));
            for (String row : rows) {
                assertEquals(command + ": ragged row '" + row + "' in:\n" + out, columns, row.split("\\|", -1).length);
            }
            int header = out.lines().collect(Collectors.toList()).indexOf(rows.get(0));
            String rule = out.lines().skip(header + 1).findFirst().orElse("");
            assertTrue(command + ": no rule under the header:\n" + out, rule.matches("[-+]+"));
        }
        assertTrue("only " + tables + " of the listings printed a table", tables >= LISTINGS.size() / 2);
    }
}
