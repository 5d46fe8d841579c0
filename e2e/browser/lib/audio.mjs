// Audio checks from Node: tone WAVs made with sox (e2e/audio/make-tone.sh) and the dominant tone
// of a recording (e2e/audio/dominant.py, python3 standard library). Node's standard library only.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const audioDir = join(here, '..', '..', 'audio');
export const audioOut = join(process.env.E2E_OUT || join(here, '..', '..', 'target'), 'audio');

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 30000 }, (err, stdout, stderr) => {
      if (err && err.code !== 1) reject(new Error(`${cmd} ${args.join(' ')}: ${err.message} ${stderr}`));
      else resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

/** Makes (once) a sine WAV: 16-bit PCM, rate Hz, channels, seconds long; resolves with its path. */
export async function makeTone(hz, { rate = 8000, channels = 1, seconds = 30, amplitude = 0.5, file } = {}) {
  const out = file || join(audioOut, `tone-${hz}hz-${rate / 1000}k-${channels}ch-${seconds}s.wav`);
  await run(join(audioDir, 'make-tone.sh'), [out, String(hz), String(rate), String(channels), String(seconds), String(amplitude)]);
  return out;
}

/** The dominant tone of a WAV file after `skip` seconds: {hz, db, rms_db, share, seconds, rate, channels}. */
export async function dominantTone(file, { skip = 0.5, minHz = 100, maxHz = 4000 } = {}) {
  const r = await run('python3', [join(audioDir, 'dominant.py'), file, '--json', '--skip', String(skip),
    '--min-hz', String(minHz), '--max-hz', String(maxHz)]);
  if (r.code !== 0) throw new Error(`dominant.py ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * Whether a tone result matches hz within `tolerance` (relative, default ±5 %) and is at least
 * minDb dBFS loud: {ok, why}. Works for dominantTone() results and the page's remoteTone().
 */
export function toneMatches(result, hz, { tolerance = 0.05, minDb = -40 } = {}) {
  if (!result || result.error) return { ok: false, why: result?.error || 'no result' };
  if (result.db < minDb) return { ok: false, why: `no tone: the strongest (${result.hz} Hz) is at ${result.db} dB, below ${minDb}` };
  if (Math.abs(result.hz - hz) > tolerance * hz) return { ok: false, why: `${result.hz} Hz (${result.db} dB), not ${hz} Hz ±${tolerance * 100} %` };
  return { ok: true, why: `${result.hz} Hz at ${result.db} dB` };
}
