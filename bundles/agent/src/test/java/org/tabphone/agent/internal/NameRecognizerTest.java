package org.tabphone.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.agent.api.Agents;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;
import org.tabphone.codec.g711.internal.PcmuCodec;

/**
 * Names by voice with the real programs: espeak-ng says a name, it goes through G.711 μ-law
 * (as it reaches the receptionist from a phone or a browser), then the end-pointer and
 * pocketsphinx. Skipped where espeak-ng or pocketsphinx with its en-us model is not installed.
 */
class NameRecognizerTest {
    private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave");

    private final NameRecognizer recognizer = new NameRecognizer();
    private final Speech speech = new Speech();

    @BeforeEach
    void setUp() {
        recognizer.configure(config("pocketsphinx_batch"));
        speech.configure(config("pocketsphinx_batch"));
    }

    @Test
    void recognisesEachNameSpokenByEspeakOverG711() {
        assumeTrue(recognizer.available(), "pocketsphinx_batch and pocketsphinx-en-us are not installed");
        assumeTrue(espeak(), "espeak-ng is not installed");
        List<String> wrong = new ArrayList<>();
        for (int wpm : new int[] {130, 150}) {
            for (String name : NAMES) {
                Optional<String> heard = recognizer.recognize(NAMES, utterance(name, wpm));
                if (!heard.equals(Optional.of(name))) {
                    wrong.add(name + " at " + wpm + " wpm heard as " + heard.orElse("no name"));
                }
            }
        }
        assertEquals(List.of(), wrong);
        Agents.Recognition status = recognizer.status();
        assertEquals(new Agents.Recognition(true, "", 8, 8 - wrong.size(), 0, status.meanMillis()), status);
        assertTrue(status.meanMillis() > 0 && status.meanMillis() < 10000, "mean " + status.meanMillis() + " ms");
    }

    @Test
    void aProgramThatFailsCountsAsAFailedRecognition() {
        assumeTrue(recognizer.available(), "pocketsphinx-en-us is not installed");
        NameRecognizer broken = new NameRecognizer();
        broken.configure(config("/bin/false"));
        assertEquals(Optional.empty(), broken.recognize(NAMES, new short[8000]));
        assertEquals(new Agents.Recognition(true, "", 0, 0, 1, 0), broken.status());
    }

    @Test
    void aWordThatIsNoNameIsMostlyNoName() {
        assumeTrue(recognizer.available(), "pocketsphinx_batch and pocketsphinx-en-us are not installed");
        assumeTrue(espeak(), "espeak-ng is not installed");
        // measured: "operator" is heard as bob; the others as filler words
        List<String> taken = new ArrayList<>();
        for (String word : List.of("hello", "nothing", "goodbye", "thank you")) {
            recognizer.recognize(NAMES, utterance(word, 150)).ifPresent(n -> taken.add(word + " → " + n));
        }
        assertFalse(taken.size() > 1, "words taken for names: " + taken);
    }

    @Test
    void anUnreadableDictionaryIsAFailedRecognitionNotAnException(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assumeTrue(recognizer.available(), "pocketsphinx_batch and pocketsphinx-en-us are not installed");
        NameRecognizer broken = new NameRecognizer();
        broken.configure(config("pocketsphinx_batch", 150, dir.toString())); // a folder: readable, not a file
        assertEquals(Optional.empty(), broken.recognize(NAMES, new short[8000]));
        assertEquals(1, broken.status().failed());
    }

    @Test
    void withoutTheProgramItIsOffAndHearsNothing() {
        NameRecognizer off = new NameRecognizer();
        off.configure(config("no-such-pocketsphinx"));
        assertFalse(off.available());
        assertEquals(Optional.empty(), off.recognize(NAMES, new short[8000]));
        Agents.Recognition status = off.status();
        assertFalse(status.available());
        assertEquals("no-such-pocketsphinx not found (Debian package pocketsphinx)", status.state());
        assertEquals(0, status.done() + status.failed());
    }

    @Test
    void grammarHasTheNamesAndFillersThatAreNoPartOfAName() {
        String g = NameRecognizer.grammar(List.of("alice", "sales team"), java.util.Set.of("no", "sales", "help"));
        assertEquals("#JSGF V1.0;\ngrammar names;\npublic <utterance> = <name> | <filler>;\n"
            + "<name> = alice | sales team;\n<filler> = no | help;\n", g);
        assertEquals("mary o'neil", NameRecognizer.spoken(" Mary O'Neil, "));
    }

    /** The word as the receptionist gets it: 8 kHz, μ-law coded and decoded, cut by the end-pointer. */
    private short[] utterance(String word, int wpm) {
        speech.configure(config("pocketsphinx_batch", wpm));
        short[] said = speech.say(word);
        AudioEncoder enc = new PcmuCodec().newEncoder();
        AudioDecoder dec = new PcmuCodec().newDecoder();
        int n = 160;
        short[] line = new short[(said.length / n + 100) * n];   // 1 s of silence before, the rest after
        System.arraycopy(said, 0, line, 50 * n, said.length);
        byte[] mu = new byte[n];
        List<short[]> cut = new ArrayList<>();
        Utterances u = new Utterances(cut::add);
        short[] frame = new short[n];
        for (int at = 0; at + n <= line.length; at += n) {
            enc.encode(line, at, n, mu, 0);
            dec.decode(mu, 0, n, frame, 0);
            u.onFrame(frame);
        }
        assertEquals(1, cut.size(), "utterances cut from '" + word + "'");
        return cut.get(0);
    }

    private static boolean espeak() {
        try {
            return new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SpeechConfig config(String recognizer) {
        return config(recognizer, 150);
    }

    private static SpeechConfig config(String recognizer, int wpm) {
        return config(recognizer, wpm, "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
    }

    private static SpeechConfig config(String recognizer, int wpm, String dictionary) {
        return new SpeechConfig() {
            @Override public Class<? extends Annotation> annotationType() { return SpeechConfig.class; }
            @Override public String espeak_command() { return "espeak-ng"; }
            @Override public String espeak_voice() { return "en-us"; }
            @Override public int espeak_speed() { return wpm; }
            @Override public String recognizer_command() { return recognizer; }
            @Override public String recognizer_model() { return "/usr/share/pocketsphinx/model/en-us/en-us"; }
            @Override public String recognizer_dictionary() { return dictionary; }
            @Override public int recognizer_timeout_ms() { return 10000; }
        };
    }
}
