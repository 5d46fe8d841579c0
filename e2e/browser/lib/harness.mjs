// Runs one browser test: Debian's Chromium inside the test's network namespace (through
// chromium-netns.sh, see there why), the bundled page loaded, every console line, page error and
// WebSocket frame written to $E2E_OUT/browser/<name>.log, and an exit code for e2e/run.sh.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const browserDir = join(here, '..');
const env = process.env;

export const cfg = {
  gatewayIp: env.TABPHONE_NETNS_HOST_IP || '198.51.100.1',   // the host end of the veth pair
  wsPort: Number(env.SIP_WS_PORT || 8080),
  wssPort: Number(env.SIP_WSS_PORT || 8443),
  udpPort: Number(env.SIP_UDP_PORT || 5060),
  domain: 'demo.tabphone.test',
  out: join(env.E2E_OUT || join(browserDir, '..', 'target'), 'browser'),
  netns: env.TABPHONE_NETNS || 'tabphone-e2e',
  chromium: env.TABPHONE_CHROMIUM || '/usr/bin/chromium',
};
cfg.wss = `wss://${cfg.gatewayIp}:${cfg.wssPort}/ws`;
cfg.ws = `ws://${cfg.gatewayIp}:${cfg.wsPort}/ws`;

// TESTING.md's flags. Playwright adds --headless, --no-sandbox and a fresh --user-data-dir of its
// own (it refuses one in args, and deletes its profile on close); the fake-media flags are for
// the media tests that will share this harness.
export function chromiumFlags({ fakeAudioWav } = {}) {
  const flags = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-features=WebRtcHideLocalIpsWithMdns', '--ignore-certificate-errors',
  ];
  if (fakeAudioWav) flags.push(`--use-file-for-fake-audio-capture=${fakeAudioWav}`);
  return flags;
}

export class TestFailure extends Error {}

export function check(condition, message) {
  if (!condition) throw new TestFailure(message);
}

const elapsed = (t0) => Math.round(performance.now() - t0);

/**
 * runBrowserTest('jssip-register', async (t) => { const page = await t.openPage('a'); ... })
 * t: {cfg, openPage(label), frames, say(text), note(text), measure(name, ms), check(cond, msg), browser, context,
 *     launchBrowser({fakeAudioWav}) → {browser, context, openPage} (a second Chromium process)}
 * options: timeoutMs, fakeAudioWav (a WAV Chromium's fake capture device plays: the pages' 'mic' tone),
 *          cleanup (async, runs after the body whatever happened: stop the phones the test started)
 */
export async function runBrowserTest(name, body, { timeoutMs = 60000, fakeAudioWav, cleanup } = {}) {
  mkdirSync(cfg.out, { recursive: true });
  const logPath = join(cfg.out, `${name}.log`);
  const started = performance.now();
  const lines = [];
  const note = (text) => lines.push(`${String(elapsed(started)).padStart(6)} ms ${text}`);
  const say = (text) => { console.log(`${name}: ${text}`); note(`TEST ${text}`); };
  const measures = [];
  const measure = (what, ms) => { measures.push(`${what} ${Math.round(ms)} ms`); say(`measured: ${what} ${Math.round(ms)} ms`); };
  let browser;
  let failure = null;
  const save = () => writeFileSync(logPath, lines.join('\n') + '\n');

  const watchdog = setTimeout(() => {
    console.log(`${name}: FAIL — no result within ${timeoutMs / 1000} s (log: ${logPath})`);
    note(`TEST timeout after ${timeoutMs} ms`);
    save();
    process.exit(1);   // Playwright's exit handler kills the browser; netns.sh down ends any rest
  }, timeoutMs);

  const extra = [];   // browser processes the test launched besides the first (t.launchBrowser)
  try {
    const frames = [];   // every SIP message over any page's WebSocket: {label, dir: 'out'|'in', url, payload}
    // one Chromium process (in the namespace) with its context and page opener; fake capture file per process
    const launch = async ({ fakeAudioWav: wav, name: procName = 'Chromium' } = {}) => {
      const t0 = performance.now();
      const b = await chromium.launch({
        executablePath: join(browserDir, 'chromium-netns.sh'),
        headless: true,
        args: chromiumFlags({ fakeAudioWav: wav }),
        env: { ...env, TABPHONE_NETNS: cfg.netns, TABPHONE_CHROMIUM: cfg.chromium },
        timeout: 30000,
      });
      measure(`${procName} ${b.version()} launched in namespace ${cfg.netns}${wav ? ` (fake capture ${wav.split('/').pop()})` : ''}`, performance.now() - t0);
      const ctx = await b.newContext({ ignoreHTTPSErrors: true });
      const pageUrl = pathToFileURL(join(browserDir, 'dist', 'index.html')).href;
      const open = async (label) => {
        const page = await ctx.newPage();
        page.on('console', (m) => note(`[${label}] console.${m.type()} ${m.text()}`));
        page.on('pageerror', (e) => note(`[${label}] PAGE ERROR ${e.stack || e}`));
        page.on('websocket', (ws) => {
          note(`[${label}] WS OPEN ${ws.url()}`);
          ws.on('framesent', (f) => {
            frames.push({ label, dir: 'out', url: ws.url(), payload: String(f.payload) });
            note(`[${label}] WS >>> ${ws.url()}\n${f.payload}`);
          });
          ws.on('framereceived', (f) => {
            frames.push({ label, dir: 'in', url: ws.url(), payload: String(f.payload) });
            note(`[${label}] WS <<< ${ws.url()}\n${f.payload}`);
          });
          ws.on('socketerror', (e) => note(`[${label}] WS ERROR ${ws.url()} ${e}`));
          ws.on('close', () => note(`[${label}] WS CLOSED ${ws.url()}`));
        });
        await page.goto(pageUrl);
        await page.waitForFunction(() => window.e2e && window.JsSIP && window.SIP, null, { timeout: 10000 });
        return page;
      };
      return { browser: b, context: ctx, openPage: open };
    };
    const first = await launch({ fakeAudioWav });
    browser = first.browser;
    const { context, openPage } = first;
    /**
     * Another Chromium process, e.g. with its own fake capture file (the flag is per process):
     * resolves with {browser, context, openPage}; its pages log into the same log and frames.
     */
    const launchBrowser = async (opts = {}) => {
      const b = await launch({ name: `Chromium #${extra.length + 2}`, ...opts });
      extra.push(b.browser);
      return b;
    };
    await body({ cfg, openPage, frames, say, note, measure, check, browser, context, launchBrowser });
  } catch (e) {
    failure = e;
  } finally {
    if (cleanup) await cleanup().catch((e) => note(`cleanup: ${e.stack || e}`));
    clearTimeout(watchdog);
    for (const b of extra) await b.close().catch(() => {});
    if (browser) await browser.close().catch(() => {});
  }
  const total = elapsed(started);
  if (failure) {
    note(`TEST FAIL ${failure.stack || failure}`);
    save();
    console.log(`${name}: FAIL — ${failure instanceof TestFailure ? failure.message : failure.stack || failure}`);
    // the SIP exchange the page saw, so a failure shows its evidence in the e2e output itself
    const wire = lines.filter((l) => / WS (>>>|<<<|ERROR|OPEN|CLOSED) /.test(l)).slice(-12);
    if (wire.length) console.log(`${name}: last WebSocket frames:\n${wire.join('\n')}`);
    console.log(`${name}: browser log: ${logPath}`);
    process.exit(1);
  }
  save();
  console.log(`${name}: ok in ${total} ms (${measures.join(', ')}); browser log: ${logPath}`);
  process.exit(0);
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
