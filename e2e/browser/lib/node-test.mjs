// The frame of a test that needs no browser (baresip ↔ baresip, ...): the same log and exit code
// conventions as harness.mjs's runBrowserTest, without Playwright, so it runs before `npm ci`
// (Node's standard library only). Log: $E2E_OUT/<dir>/<name>.log.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outRoot = process.env.E2E_OUT || join(here, '..', '..', 'target');

export class TestFailure extends Error {}
export function check(condition, message) {
  if (!condition) throw new TestFailure(message);
}

/** Polls fn() until it returns truthy or the time is up; returns the last value. */
export async function until(fn, { timeoutMs = 5000, everyMs = 100 } = {}) {
  const end = performance.now() + timeoutMs;
  let v;
  for (;;) {
    v = await fn();
    if (v || performance.now() > end) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * runTest('baresip-call', async (t) => { ... }, { dir: 'baresip', timeoutMs: 30000 })
 * t: {say(text), note(text), measure(name, ms), check(cond, msg), log (its path)}; `cleanup`
 * (optional) runs after the body whatever happened (stop the phones there).
 */
export async function runTest(name, body, { dir = 'baresip', timeoutMs = 60000, cleanup } = {}) {
  const out = join(outRoot, dir);
  mkdirSync(out, { recursive: true });
  const logPath = join(out, `${name}.log`);
  const started = performance.now();
  const lines = [];
  const elapsed = () => Math.round(performance.now() - started);
  const note = (text) => lines.push(`${String(elapsed()).padStart(6)} ms ${text}`);
  const say = (text) => { console.log(`${name}: ${text}`); note(`TEST ${text}`); };
  const measures = [];
  const measure = (what, ms) => { measures.push(`${what} ${Math.round(ms)} ms`); say(`measured: ${what} ${Math.round(ms)} ms`); };
  const save = () => writeFileSync(logPath, lines.join('\n') + '\n');
  const watchdog = setTimeout(() => {
    console.log(`${name}: FAIL — no result within ${timeoutMs / 1000} s (log: ${logPath})`);
    note(`TEST timeout after ${timeoutMs} ms`);
    save();
    process.exit(1);
  }, timeoutMs);
  let failure = null;
  try {
    await body({ say, note, measure, check, log: logPath });
  } catch (e) {
    failure = e;
  } finally {
    if (cleanup) await cleanup().catch((e) => note(`cleanup: ${e.stack || e}`));
    clearTimeout(watchdog);
  }
  if (failure) {
    note(`TEST FAIL ${failure.stack || failure}`);
    save();
    console.log(`${name}: FAIL — ${failure instanceof TestFailure ? failure.message : failure.stack || failure}`);
    console.log(`${name}: log: ${logPath}`);
    process.exit(1);
  }
  save();
  console.log(`${name}: ok in ${elapsed()} ms (${measures.join(', ')}); log: ${logPath}`);
  process.exit(0);
}
