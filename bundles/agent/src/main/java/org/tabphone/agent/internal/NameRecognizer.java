package org.tabphone.agent.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.Agents;

/**
 * Which colleague a caller named: pocketsphinx (Debian's {@code pocketsphinx_batch} with the
 * 16 kHz {@code pocketsphinx-en-us} model) decodes one utterance against a grammar of the names
 * on the menu plus filler words, so that a word that is no name is more often heard as filler
 * than as a name. Batch decoding of the whole utterance, 8 kHz upsampled to 16 kHz: measured on
 * G.711 espeak-ng names, pocketsphinx_continuous (its voice detector cuts short words) and the
 * model at 8 kHz misheard most names, this got nearly all (README, "Names by voice").
 *
 * <p>Each recognition is a child process with a deadline (killed when it passes): call
 * {@link #recognize} off the media and signalling threads. Without the program or the model,
 * {@link #available} is false and one log line says so.
 */
@Component(service = NameRecognizer.class, configurationPid = "org.tabphone.speech")
public final class NameRecognizer {
    private static final Logger LOG = LoggerFactory.getLogger(NameRecognizer.class);
    /** Common words a caller says instead of a name; a grammar without them maps every sound to a name. */
    static final List<String> FILLERS = List.of("no", "help", "thanks", "sorry", "please", "reception", "sales",
        "support", "today", "morning", "person", "someone");

    private record Setup(String command, Path model, Path dictionary, long timeoutMs) {
    }

    private volatile SpeechConfig config;
    /** Why names are not recognised ("" when they are): logged when it changes. */
    private volatile String lastState;
    /** Words of the dictionary, read on first use (on a recognition thread: ~130,000 lines). */
    private volatile Set<String> vocabulary;
    /** Kept across configuration changes: they count since the gateway started. */
    private final RecognitionStats stats = new RecognitionStats();

    @Activate
    @Modified
    void configure(SpeechConfig c) {
        config = c;
        vocabulary = null;
        lastState = null;
        available();
    }

    /**
     * Whether the program and the model are there, checked again each time (a few file look-ups):
     * installing pocketsphinx takes effect with the next call, no restart.
     */
    boolean available() {
        return setup().isPresent();
    }

    /** Installed or why not, and the recognitions so far (tabphone:agents, the Agents MBean). */
    Agents.Recognition status() {
        Optional<String> missing = missing(config);
        return new Agents.Recognition(missing.isEmpty(), missing.orElse(""), stats.done(), stats.heard(),
            stats.failedCount(), stats.meanMillis());
    }

    private Optional<Setup> setup() {
        SpeechConfig c = config;
        Optional<String> missing = missing(c);
        String state = missing.orElse("");
        if (!state.equals(lastState)) {
            lastState = state;
            if (missing.isPresent()) {
                LOG.info("agents: names are not recognised by voice, callers choose by DTMF only: {}", state);
            } else {
                LOG.info("agents: names are recognised by voice with {} ({})", c.recognizer_command(), c.recognizer_model());
            }
        }
        return missing.isPresent() ? Optional.empty() : Optional.of(new Setup(c.recognizer_command().trim(),
            Path.of(c.recognizer_model()), Path.of(c.recognizer_dictionary()), Math.max(500, c.recognizer_timeout_ms())));
    }

    /**
     * The one of {@code names} (lower-case words, e.g. "alice" or "alice smith") the caller said in
     * {@code pcm8k}, if any. Blocks up to the configured timeout.
     */
    Optional<String> recognize(List<String> names, short[] pcm8k) {
        Setup s = setup().orElse(null);
        if (s == null || pcm8k.length == 0) {
            return Optional.empty();
        }
        Path dir = null;
        try {
            // inside the try: reading the dictionary may fail (UncheckedIOException) like the run itself
            Set<String> vocabulary = vocabulary(s);
            List<String> known = names.stream().filter(n -> !n.isBlank() && words(n).allMatch(vocabulary::contains))
                .distinct().toList();
            if (known.isEmpty()) {
                return Optional.empty();
            }
            dir = Files.createTempDirectory("tabphone-names");
            Files.write(dir.resolve("utt.wav"), Wav.of(Upsampler.twice(pcm8k), 16000));
            Files.writeString(dir.resolve("names.gram"), grammar(known, vocabulary));
            Files.writeString(dir.resolve("utt.ctl"), "utt\n");
            long t0 = System.nanoTime();
            String hyp = run(s, dir);
            Optional<String> name = known.stream().filter(hyp::equals).findFirst();
            stats.done(System.nanoTime() - t0, name.isPresent());
            return name;
        } catch (IOException | UncheckedIOException e) {
            stats.failed();
            LOG.warn("agents: name recognition failed: {}", e.getMessage());
            return Optional.empty();
        } finally {
            delete(dir);
        }
    }

    /** A JSGF grammar: one of the names, or one filler word (fillers that are part of a name left out). */
    static String grammar(List<String> names, Set<String> vocabulary) {
        Set<String> inNames = new HashSet<>();
        names.forEach(n -> words(n).forEach(inNames::add));
        List<String> fillers = FILLERS.stream().filter(f -> !inNames.contains(f) && vocabulary.contains(f)).toList();
        StringBuilder g = new StringBuilder("#JSGF V1.0;\ngrammar names;\npublic <utterance> = <name>");
        if (!fillers.isEmpty()) {
            g.append(" | <filler>");
        }
        g.append(";\n<name> = ").append(String.join(" | ", names)).append(";\n");
        if (!fillers.isEmpty()) {
            g.append("<filler> = ").append(String.join(" | ", fillers)).append(";\n");
        }
        return g.toString();
    }

    /** A display name as the grammar's words: lower case, letters and apostrophes; "" when none. */
    static String spoken(String displayName) {
        return String.join(" ", displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").trim().split("\\s+"));
    }

    private static Stream<String> words(String name) {
        return Stream.of(name.split(" ")).filter(w -> !w.isEmpty());
    }

    /** pocketsphinx_batch on dir/utt.wav; its hypothesis (the words, without the score), or "". */
    private static String run(Setup s, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(s.command(), "-hmm", s.model().toString(), "-dict", s.dictionary().toString(),
            "-jsgf", dir.resolve("names.gram").toString(), "-adcin", "yes", "-adchdr", "44",
            "-cepdir", dir.toString(), "-cepext", ".wav", "-ctl", dir.resolve("utt.ctl").toString(),
            "-hyp", dir.resolve("utt.hyp").toString(), "-dither", "yes", "-seed", "1",
            "-logfn", dir.resolve("log").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(s.timeoutMs(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(s.command() + " took over " + s.timeoutMs() + " ms: killed");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(s.command() + " exit status " + p.exitValue() + ": " + tail(dir.resolve("log")));
        }
        Path hyp = dir.resolve("utt.hyp");
        String line = Files.exists(hyp) ? Files.readString(hyp, StandardCharsets.UTF_8).trim() : "";
        int score = line.lastIndexOf(" (");
        return (score >= 0 ? line.substring(0, score) : line).trim();
    }

    private Set<String> vocabulary(Setup s) {
        Set<String> v = vocabulary;
        if (v == null) { // two first calls at once read it twice: harmless
            Set<String> words = new HashSet<>();
            try (Stream<String> lines = Files.lines(s.dictionary(), StandardCharsets.UTF_8)) {
                // "alice AE L AH S", "alice(2) AE L IH S"
                lines.forEach(l -> {
                    int end = l.indexOf(' ');
                    String w = end > 0 ? l.substring(0, end) : l;
                    int alt = w.indexOf('(');
                    words.add(alt > 0 ? w.substring(0, alt) : w);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dictionary " + s.dictionary(), e);
            }
            vocabulary = v = Set.copyOf(words);
        }
        return v;
    }

    private static Optional<String> missing(SpeechConfig c) {
        if (c == null) {
            return Optional.of("not configured yet");
        }
        String command = c.recognizer_command() == null ? "" : c.recognizer_command().trim();
        if (command.isEmpty()) {
            return Optional.of("recognizer.command is empty");
        }
        if (!onPath(command)) {
            return Optional.of(command + " not found (Debian package pocketsphinx)");
        }
        if (!Files.isRegularFile(Path.of(c.recognizer_model(), "mdef"))) {
            return Optional.of("no acoustic model in " + c.recognizer_model() + " (Debian package pocketsphinx-en-us)");
        }
        if (!Files.isReadable(Path.of(c.recognizer_dictionary()))) {
            return Optional.of("no dictionary " + c.recognizer_dictionary());
        }
        return Optional.empty();
    }

    private static boolean onPath(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return lines.stream().filter(l -> l.startsWith("ERROR") || l.startsWith("FATAL")).reduce((a, b) -> b)
                .orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.debug("agents: cannot delete {}: {}", dir, e.toString());
        }
    }
}
