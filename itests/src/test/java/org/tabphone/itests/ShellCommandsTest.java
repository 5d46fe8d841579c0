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
        "tabphone:acl-list demo", "tabphone:media --rtcp", "tabphone:agents", "tabphone:bans", "tabphone:cdr-sink",
        "tabphone:recording-policy", "tabphone:recordings");

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
            "user-remove", "agents", "bans", "ban-lift", "cdr-sink", "recording-policy", "recording-set", "recording-rule-add",
            "recording-rule-remove", "recordings")));
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
            tables += checkTables(command, out);
        }
        assertTrue("only " + tables + " tables in the listings", tables >= LISTINGS.size() / 2);
    }

    /**
     * Checks every table of a printout (some commands print two: tabphone:agents has agents, then
     * calls): a header with titles, a rule under it, and rows with the header's column count.
     * Returns how many tables there were.
     */
    private static int checkTables(String command, String out) {
        List<String> lines = out.lines().collect(Collectors.toList());
        int tables = 0;
        int columns = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains("|")) {
                columns = -1; // a table ends at a line that is no row
                continue;
            }
            if (columns < 0) { // a header: titles, then a rule
                assertTrue(command + ": header without titles:\n" + out, line.matches(".*[A-Za-z].*"));
                String rule = i + 1 < lines.size() ? lines.get(i + 1) : "";
                assertTrue(command + ": no rule under the header:\n" + out, rule.matches("[-+]+"));
                columns = line.split("\\|", -1).length;
                tables++;
                i++;
                continue;
            }
            assertEquals(command + ": ragged row '" + line + "' in:\n" + out, columns, line.split("\\|", -1).length);
        }
        return tables;
    }
}
