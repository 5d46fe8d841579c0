package org.tabphone.agent.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.VoiceAgent;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/**
 * The reference receptionist ({@code type = receptionist}): greets the caller, reads the
 * tenant's colleagues as a menu ("for Alice, press 1"), and transfers the caller to the one
 * chosen — by key, or by name where pocketsphinx is installed ({@link NameRecognizer}). Agent settings: {@code greeting} (the first sentence) and {@code colleagues} (user
 * names in menu order; default: every user of the tenant but the agent's own numbers, by name).
 */
@Component(service = VoiceAgent.class, property = VoiceAgent.TYPE + "=receptionist")
public final class Receptionist implements VoiceAgent {
    /** Up to nine: one key each. */
    private static final int MENU_MAX = 9;

    @Reference
    private TenantDirectory tenants;
    @Reference
    private Speech speech;
    @Reference
    private NameRecognizer recognizer;

    private ExecutorService voice;
    /** Name recognitions, one at a time for all calls: each is a pocketsphinx process (~0.3 s of a core). */
    private ExecutorService listening;

    @Activate
    void activate() {
        voice = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tabphone-agent-receptionist");
            t.setDaemon(true);
            return t;
        });
        listening = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tabphone-agent-names");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        voice.shutdownNow();
        listening.shutdownNow();
    }

    @Override
    public AgentSession answer(AgentCall call) {
        Optional<Tenant> tenant = tenants.byName(call.tenant());
        List<SipUser> menu = tenant.map(t -> menu(t, call)).orElse(List.of());
        String greeting = call.settings().getOrDefault("greeting",
            "Hello, you have reached " + call.tenant() + ".");
        ReceptionistSession s = new ReceptionistSession(call, menu, greeting, speech, voice,
            recognizer.available() ? recognizer : null, listening);
        s.start();
        return s;
    }

    static List<SipUser> menu(Tenant tenant, AgentCall call) {
        String chosen = call.settings().getOrDefault("colleagues", "").trim();
        if (!chosen.isEmpty()) {
            return Arrays.stream(chosen.split(",")).map(String::trim).map(tenant::user)
                .flatMap(Optional::stream).limit(MENU_MAX).toList();
        }
        List<String> own = Arrays.stream(call.settings().getOrDefault("numbers", "").split(",")).map(String::trim).toList();
        return tenant.users().stream().filter(u -> !own.contains(u.username()))
            .sorted(Comparator.comparing(ReceptionistSession::nameOf, String.CASE_INSENSITIVE_ORDER))
            .limit(MENU_MAX).toList();
    }
}
