/**
 * Call recording: the policy in force (which calls are recorded, where), the recordings on disk
 * and the recorder's counters. The recorder is a {@code MediaTap}: one stereo WAV per call, left
 * the caller, right the callee.
 */
@Version("0.1.0")
package org.tabphone.recording.api;

import org.osgi.annotation.versioning.Version;
