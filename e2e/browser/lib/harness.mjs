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
 * t: {cfg, openPage(label), frames, say(text), note(text), measure(name, ms), check(cond, msg), browser, context}
 */
export async function runBrowserTest(name, body, { timeoutMs = 60000, fakeAudioWav } = {}) {
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

  try {
    const t0 = performance.now();
    browser = await chromium.launch({
      executablePath: join(browserDir, 'chromium-netns.sh'),
      headless: true,
      args: chromiumFlags({ fakeAudioWav }),
      env: { ...env, TABPHONE_NETNS: cfg.netns, TABPHONE_CHROMIUM: cfg.chromium },
      timeout: 30000,
    });
    measure(`Chromium ${browser.version()} launched in namespace ${cfg.netns}`, performance.now() - t0);
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const pageUrl = pathToFileURL(join(browserDir, 'dist', 'index.html')).href;
    const frames = [];   // every SIP message over any page's WebSocket: {label, dir: 'out'|'in', url, payload}
    const openPage = async (label) => {
      const page = await context.newPage();
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
    await body({ cfg, openPage, frames, say, note, measure, check, browser, context });
  } catch (e) {
    failure = e;
  } finally {
    clearTimeout(watchdog);
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
