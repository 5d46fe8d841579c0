/**
 * Call detail records: one signed record per call (SHA-256 hash chain, Ed25519 signature), the
 * store's search and verification, and its counters, and the state of the optional database sink ({@link CdrSink}).
 * Records name their call's recording, which {@link RecordingLocator} services report (0.3.0).
 */
@Version("0.3.0")
package org.tabphone.cdr.api;

import org.osgi.annotation.versioning.Version;
