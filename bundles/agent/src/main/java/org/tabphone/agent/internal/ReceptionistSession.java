package org.tabphone.agent.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.TransferOutcome;
import org.tabphone.tenant.api.SipUser;

/**
 * One caller with the receptionist: menu, choice (a key, or a name said aloud when a
 * {@link NameRecognizer} is there), transfer; back to the menu when the colleague is busy or
 * does not answer. Prompts are synthesised on the receptionist's voice thread, names recognised
 * on its listening thread — never on the media thread that brings the caller's audio.
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
    /** Null: DTMF only. */
    private final NameRecognizer recognizer;
    private final Executor listening;
    private final Utterances utterances = new Utterances(this::onUtterance);
    /** One recognition per call at a time: what the caller says meanwhile is not queued. */
    private final AtomicBoolean recognizing = new AtomicBoolean();
    private final List<String> spokenNames;
    private volatile State state = State.LISTENING;

    ReceptionistSession(AgentCall call, List<SipUser> menu, String greeting, Speech speech, Executor voice,
                        NameRecognizer recognizer, Executor listening) {
        this.call = call;
        this.menu = List.copyOf(menu);
        this.greeting = greeting;
        this.speech = speech;
        this.voice = voice;
        this.recognizer = recognizer;
        this.listening = listening;
        this.spokenNames = this.menu.stream().map(u -> NameRecognizer.spoken(nameOf(u))).toList();
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
            transferTo(menu.get(choice), "key " + digit);
        } else {
            call.stopPlaying();
            say(menuText()); // any other key: the menu again
        }
    }

    /** The caller's voice (media thread): cut into utterances while the caller may choose. */
    @Override
    public void onAudio(short[] frame, int sequence, long timestamp) {
        if (recognizer != null && state == State.LISTENING) {
            utterances.onFrame(frame);
        }
    }

    /** Media thread: hand the utterance to the listening thread, unless one of this call is being recognised. */
    private void onUtterance(short[] pcm) {
        if (!recognizing.compareAndSet(false, true)) {
            return;
        }
        try {
            listening.execute(() -> {
                try {
                    recognise(pcm);
                } finally {
                    recognizing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            recognizing.set(false); // the receptionist is stopping
        }
    }

    private void recognise(short[] pcm) {
        if (state != State.LISTENING) {
            return;
        }
        long t0 = System.nanoTime();
        Optional<String> heard = recognizer.recognize(spokenNames, pcm);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (heard.isEmpty()) {
            LOG.info("receptionist on {}: {} ms of speech, no colleague's name in it ({} ms to recognise)", call.id(),
                pcm.length / 8, ms);
            return;
        }
        LOG.info("receptionist on {}: heard \"{}\" in {} ms of speech ({} ms to recognise)", call.id(), heard.get(),
            pcm.length / 8, ms);
        transferTo(menu.get(spokenNames.indexOf(heard.get())), "name");
    }

    @Override
    public void onEnd(String reason) {
        state = State.ENDED;
    }

    /** From the media thread (a key) or the listening thread (a name): the first choice wins. */
    private synchronized void transferTo(SipUser colleague, String how) {
        if (state != State.LISTENING) {
            return;
        }
        state = State.TRANSFERRING;
        LOG.debug("receptionist on {}: {} chose {}", call.id(), how, colleague.username());
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
        StringBuilder s = new StringBuilder(recognizer != null ? "Say a name, or press a key. " : "");
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
