// Audio proof for browser calls: the pages' window.e2e.mediaReport (getStats() inbound-rtp
// counters, then an AnalyserNode on the remote stream for ~1 s) judged from Node, and the tone
// WAVs Chromium's fake capture device plays (one per browser process: the flag is per process).
import { check } from './harness.mjs';
import { makeTone, toneMatches } from './audio.mjs';

/** A 48 kHz mono WAV of hz for --use-file-for-fake-audio-capture (Chromium loops it). */
export function fakeCaptureWav(hz) {
  return makeTone(hz, { rate: 48000, channels: 1, seconds: 10 });
}

/**
 * Each end must receive RTP and hear its far side's tone (±5 %, at least -50 dB on the
 * AnalyserNode's scale). ends: [{page, key, who, hears}]; all ends are listened to at once.
 * Returns the reports ({inbound, outbound, pair, tone, waitedMs, packetsWhileListening}).
 */
export async function checkRemoteTones(t, label, ends, { ms = 1000, timeoutMs = 5000, tolerance = 0.05, minDb = -50 } = {}) {
  const reports = await Promise.all(ends.map((e) => e.page.evaluate((x) => window.e2e.mediaReport(x), { key: e.key, ms, timeoutMs })));
  ends.forEach((e, i) => {
    const r = reports[i];
    t.note(`${label}: ${e.who} media report ${JSON.stringify(r)}`);
    check(r.inbound?.packetsReceived > 0, `${label}: ${e.who} received no RTP within ${timeoutMs} ms (${r.tone?.error || ''}); ICE pair ${JSON.stringify(r.pair)}`);
    check(r.packetsWhileListening > 0, `${label}: ${e.who}'s inbound RTP stopped while it listened (${r.inbound.packetsReceived} packets in all)`);
    const m = toneMatches(r.tone, e.hears, { tolerance, minDb });
    check(m.ok, `${label}: ${e.who} hears ${m.why} (the far side sends ${e.hears} Hz); peaks ${JSON.stringify(r.tone?.peaks)}`);
    t.say(`${label}: ${e.who} hears ${r.tone.hz} Hz at ${r.tone.db} dB (the far side sends ${e.hears} Hz); inbound-rtp ` +
      `${r.inbound.packetsReceived} packets / ${r.inbound.bytesReceived} bytes, ${r.outbound?.packetsSent} packets out, ` +
      `ICE pair ${r.pair?.local} ⇄ ${r.pair?.remote}, DTLS ${r.pair?.dtls}`);
  });
  return reports;
}
