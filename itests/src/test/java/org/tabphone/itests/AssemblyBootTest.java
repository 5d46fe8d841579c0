package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The foundation's promise: the assembly boots with tabphone-core installed, every
 * Tabphone bundle is Active and every Tabphone DS component is satisfied.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AssemblyBootTest extends TabphoneTestSupport {

    /** Bundles tabphone-core must bring; grows as bundles land. */
    private static final List<String> CORE_BUNDLES = List.of("org.tabphone.sip", "org.tabphone.transport", "org.tabphone.tenant",
        "org.tabphone.registrar", "org.tabphone.routing", "org.tabphone.routing.defaults", "org.tabphone.call",
        "org.tabphone.admin", "org.tabphone.acl", "org.tabphone.cdr", "org.tabphone.trunk", "org.tabphone.trunk.manager",
        "org.tabphone.trunk.sip", "org.tabphone.agent");

    @Inject
    private ServiceComponentRuntime scr;

    @Test
    public void everyCoreBundleIsInstalledAndActive() {
        // TabphoneTestSupport.awaitBootFeatures has given the boot features time to start them
        List<String> present = new ArrayList<>();
        for (Bundle b : tabphoneBundles()) {
            present.add(b.getSymbolicName());
            assertEquals(b.getSymbolicName() + " is not Active", Bundle.ACTIVE, b.getState());
        }
        assertTrue("missing core bundles: present " + present, present.containsAll(CORE_BUNDLES));
    }

    @Test
    public void everyTabphoneComponentIsSatisfied() throws InterruptedException {
        // FileInstall delivers etc/*.cfg while the test starts; a component being reconfigured is
        // briefly neither enabled nor active, so allow the boot a few seconds to settle
        List<String> problems = componentProblems();
        for (int i = 0; i < 50 && !problems.isEmpty(); i++) {
            Thread.sleep(200);
            problems = componentProblems();
        }
        assertTrue("components not satisfied: " + problems, problems.isEmpty());
    }

    private List<String> componentProblems() {
        List<String> problems = new ArrayList<>();
        for (Bundle b : tabphoneBundles()) {
            Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(b);
            for (ComponentDescriptionDTO d : descriptions) {
                if (!scr.isComponentEnabled(d)) {
                    problems.add(d.name + " disabled");
                    continue;
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        problems.add(d.name + " state " + c.state
                            + (c.failure != null ? " failure " + c.failure : "")
                            + " unsatisfied refs " + c.unsatisfiedReferences.length);
                    }
                }
            }
        }
        return problems;
    }

    @Test
    public void shellShowsTabphoneCoreInstalledAndBundlesActive() throws Exception {
        String features = executeCommand("feature:list -i");
        assertTrue("tabphone-core not installed:\n" + features, features.contains("tabphone-core"));
        String bundles = executeCommand("bundle:list -s");
        for (String bsn : CORE_BUNDLES) {
            assertTrue(bsn + " not listed Active:\n" + bundles,
                bundles.lines().anyMatch(l -> l.contains(bsn) && l.contains("Active")));
        }
        assertFalse("a bundle failed:\n" + bundles, bundles.contains("Failure"));
    }
}
