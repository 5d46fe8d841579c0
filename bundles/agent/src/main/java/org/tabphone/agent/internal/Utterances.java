package org.tabphone.agent.internal;

import java.util.Arrays;
import java.util.function.Consumer;

import org.tabphone.agent.api.AgentCall;

/**
 * Cuts a caller's 8 kHz audio into utterances by level (an energy end-pointer): one starts with a
 * frame louder than {@link #START_DB}, keeps {@link #PRE_ROLL_FRAMES} frames before it (the soft
 * start of a word), and ends after {@link #END_SILENCE_FRAMES} quiet frames. Too short (a click)
 * or too long (a tone, music, someone talking on) is dropped, not recognised: a name is a word or
 * two. Runs on the media thread with buffers of its own: it allocates only for an utterance it
 * hands on.
 */
final class Utterances {
    static final double START_DB = -35;
    static final double QUIET_DB = -45;
    static final int PRE_ROLL_FRAMES = 10;
    static final int END_SILENCE_FRAMES = 30;     // 600 ms
    static final int MIN_LOUD_FRAMES = 10;         // 200 ms
    static final int MAX_FRAMES = 150;             // 3 s

    private static final int N = AgentCall.SAMPLES_PER_FRAME;
    private static final double START = threshold(START_DB);
    private static final double QUIET = threshold(QUIET_DB);

    private final Consumer<short[]> sink;
    private final short[] buffer = new short[(PRE_ROLL_FRAMES + MAX_FRAMES) * N];
    private final short[] preRoll = new short[PRE_ROLL_FRAMES * N];
    private int preRollFrames;
    private int frames;          // frames in buffer while in an utterance, -1 while waiting for silence after a long one
    private int loudFrames;
    private int quietRun;
    private boolean inside;

    /** @param sink gets each utterance (8 kHz PCM, its own array), on the media thread: hand it on quickly */
    Utterances(Consumer<short[]> sink) {
        this.sink = sink;
    }

    void onFrame(short[] frame) {
        if (frame.length != N) {
            return;
        }
        double meanSquare = meanSquare(frame);
        if (!inside) {
            if (meanSquare >= START && frames >= 0) {
                inside = true;
                System.arraycopy(preRoll, 0, buffer, 0, preRollFrames * N);
                frames = preRollFrames;
                loudFrames = 0;
                quietRun = 0;
            } else {
                if (frames < 0 && meanSquare < QUIET) {
                    quietRun++;
                    if (quietRun >= END_SILENCE_FRAMES) {
                        frames = 0; // the long sound is over: listen again
                        quietRun = 0;
                    }
                } else if (frames < 0) {
                    quietRun = 0;
                }
                remember(frame);
                return;
            }
        }
        System.arraycopy(frame, 0, buffer, frames * N, N);
        frames++;
        if (meanSquare >= QUIET) {
            loudFrames++;
            quietRun = 0;
        } else {
            quietRun++;
        }
        if (quietRun >= END_SILENCE_FRAMES) {
            inside = false;
            if (loudFrames >= MIN_LOUD_FRAMES) {
                sink.accept(Arrays.copyOf(buffer, (frames - quietRun + END_SILENCE_FRAMES / 2) * N));
            }
            frames = 0;
            preRollFrames = 0;
            quietRun = 0;
        } else if (frames >= PRE_ROLL_FRAMES + MAX_FRAMES) {
            inside = false;          // too long for a name: ignore it until it stops
            frames = -1;
            preRollFrames = 0;
            quietRun = 0;
        }
    }

    private void remember(short[] frame) {
        if (preRollFrames == PRE_ROLL_FRAMES) {
            System.arraycopy(preRoll, N, preRoll, 0, (PRE_ROLL_FRAMES - 1) * N);
            preRollFrames--;
        }
        System.arraycopy(frame, 0, preRoll, preRollFrames * N, N);
        preRollFrames++;
    }

    private static double meanSquare(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return sum / frame.length;
    }

    private static double threshold(double dbfs) {
        double rms = 32768 * Math.pow(10, dbfs / 20);
        return rms * rms;
    }
}
