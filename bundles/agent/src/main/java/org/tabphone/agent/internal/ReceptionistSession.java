package org.tabphone.agent.internal;

import java.util.List;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.TransferOutcome;
import org.tabphone.tenant.api.SipUser;

/**
 * One caller with the receptionist: menu, choice, transfer; back to the menu when the colleague
 * is busy or does not answer. Prompts are synthesised on the receptionist's voice thread.
 */
final class ReceptionistSession implements AgentSession {
    private static final Logger LOG = LoggerFactory.getLogger(ReceptionistSession.class);
    /** Before the greeting: the caller's media path (ICE, DTLS) is still being set up. */
    private static final int LEAD_IN_MILLIS = 1500;

    private enum State { LISTENING, TRANSFERRING, ENDED }

    private final AgentCall call;
    private final List<SipUser> menu;
    private final String greeting;
    private final Speech speech;
    private final Executor voice;
    private volatile State state = State.LISTENING;

    ReceptionistSession(AgentCall call, List<SipUser> menu, String greeting, Speech speech, Executor voice) {
        this.call = call;
        this.menu = List.copyOf(menu);
        this.greeting = greeting;
        this.speech = speech;
        this.voice = voice;
    }

    void start() {
        call.play(Tones.silence(LEAD_IN_MILLIS));
        say(greeting + " " + menuText());
    }

    @Override
    public void onDtmf(char digit) {
        if (state != State.LISTENING) {
            return;
        }
        int choice = digit - '1';
        if (choice >= 0 && choice < menu.size()) {
            transferTo(menu.get(choice));
        } else {
            call.stopPlaying();
            say(menuText()); // any other key: the menu again
        }
    }

    @Override
    public void onEnd(String reason) {
        state = State.ENDED;
    }

    private void transferTo(SipUser colleague) {
        state = State.TRANSFERRING;
        call.stopPlaying();
        String name = nameOf(colleague);
        say("Transferring you to " + name + ".");
        call.transfer(colleague.username()).whenComplete((outcome, error) -> afterTransfer(name, outcome, error));
    }

    private void afterTransfer(String name, TransferOutcome outcome, Throwable error) {
        if (outcome != null && outcome.succeeded() || state == State.ENDED) {
            return;
        }
        LOG.info("receptionist on {}: {} not reached ({}); back to the menu", call.id(), name,
            outcome != null ? outcome.status() + " " + outcome.reason() : error);
        state = State.LISTENING;
        call.stopPlaying();
        say("Sorry, " + name + " is not available. " + menuText());
    }

    private String menuText() {
        if (menu.isEmpty()) {
            return "There is nobody to transfer you to.";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < menu.size(); i++) {
            s.append("For ").append(nameOf(menu.get(i))).append(", press ").append(i + 1).append(". ");
        }
        return s.toString().trim();
    }

    private void say(String text) {
        voice.execute(() -> {
            if (state != State.ENDED) {
                call.play(speech.say(text));
            }
        });
    }

    static String nameOf(SipUser u) {
        return u.displayName() == null || u.displayName().isBlank() ? u.username() : u.displayName();
    }
}
