/**
 * Call detail records: one signed record per call (SHA-256 hash chain, Ed25519 signature), the
 * store's search and verification, and its counters.
 */
@Version("0.2.0")
package org.tabphone.cdr.api;

import org.osgi.annotation.versioning.Version;
