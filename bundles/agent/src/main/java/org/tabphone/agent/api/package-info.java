/**
 * Agents on virtual numbers: a {@link org.tabphone.agent.api.VoiceAgent} answers calls to the
 * numbers configured for it, hears the caller as 8 kHz 16-bit PCM, speaks back, and hands the
 * caller to a colleague (REFER on the wire). The reference receptionist and the audio stream
 * bridge are two such agents; integrators register their own with another {@code agent.type}.
 */
@Version("0.3.0")
package org.tabphone.agent.api;

import org.osgi.annotation.versioning.Version;
