package org.tabphone.recording.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.TapFrame;
import org.tabphone.media.api.TapSink;

/**
 * One call's recording: the media tap's decoded frames, lined up by a {@link StereoAligner} into
 * a {@link WavWriter} (left the caller, right the callee). The file is created on the tap thread
 * at the first frame (or at the end, empty, for a call that connected but sent nothing), so the
 * CDR, which names it from the start, never points at nothing. A disk error ends this recording
 * (one log line, counted); the call is not affected.
 */
final class CallRecorder implements TapSink {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final CallIdentity call;
    private final Path file;
    private final RecordingCounters counters;
    private final RecordingIndex index;
    private WavWriter wav;
    private StereoAligner aligner;
    private boolean failed;
    private boolean closed;

    CallRecorder(CallIdentity call, Path file, RecordingCounters counters, RecordingIndex index) {
        this.call = call;
        this.file = file;
        this.counters = counters;
        this.index = index;
    }

    @Override
    public void onFrame(TapFrame f) {
        if (failed || closed || !open()) {
            return;
        }
        try {
            aligner.add(f.side().ordinal(), f.arrivalNanos(), f.ssrc(), f.rtpTimestamp(), f.clockRate(), f.pcm(),
                f.pcmOffset(), f.samples());
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void onDropped(long frames) {
        counters.framesDropped.add(frames);
    }

    private boolean open() {
        if (wav != null) {
            return true;
        }
        try {
            wav = WavWriter.create(file);
            aligner = new StereoAligner(wav);
            return true;
        } catch (IOException | RuntimeException e) {
            fail(e);
            return false;
        }
    }

    private void fail(Exception e) {
        failed = true;
        counters.failures.increment();
        LOG.error("recording of call {} to {} failed, the call goes on unrecorded: {}", call.call(), file, e.toString());
        if (wav != null) {
            try {
                wav.close();
            } catch (IOException ignored) {
                // what was written stays readable up to the last header update
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed && open()) {
                aligner.finish();
                wav.close();
                counters.filesWritten.increment();
                counters.framesDropped.add(aligner.lateFrames());
                LOG.info("call {} recorded: {} ({} s)", call.call(), file,
                    String.format(java.util.Locale.ROOT, "%.1f", aligner.framesWritten() / (double) StereoAligner.RATE));
            }
        } catch (IOException e) {
            fail(e);
        } finally {
            counters.active.decrementAndGet();
            index.ended(call.call(), file.toString());
        }
    }
}
