package org.tabphone.recording.internal.jmx;

/** {@code org.tabphone:type=Recording}: the call recorder. */
public interface RecordingMBean {
    boolean getEnabled();

    String getDirectory();

    /** The rules, comma-separated, in order. */
    String getRules();

    int getActiveRecordings();

    long getFilesWritten();

    /** Audio frames lost on the way to a file (tap queue full, or too late to place): silence in the file. */
    long getFramesDropped();

    /** Recordings that could not be written. */
    long getFailures();
}
