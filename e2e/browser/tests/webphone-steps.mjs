// Steps for the webphone tests (webphone-pwa.mjs): they drive the real softphone pages the
// gateway serves (/phone/sipjs/, /phone/jssip/) only through what a user sees and clicks.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect } from 'node:tls';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { check, chromiumFlags, until } from '../lib/harness.mjs';
import { toneMatches } from '../lib/audio.mjs';

/** https://<gateway>:<wss port>, the origin of the webphone in the test namespace. */
export const originOf = (cfg) => `https://${cfg.gatewayIp}:${cfg.wssPort}`;

/**
 * Collects the page's console errors and warnings (and page errors) into `problems`, tagged
 * with the label; `watch.paused = true` stops collecting (for steps that fail on purpose).
 */
export function watchConsole(page, label, problems, watch = { paused: false }) {
  page.on('console', (m) => {
    if (!watch.paused && (m.type() === 'error' || m.type() === 'warning')) {
      problems.push(`[${label}] console.${m.type()}: ${m.text()} (${m.location().url || ''})`);
    }
  });
  page.on('pageerror', (e) => { if (!watch.paused) problems.push(`[${label}] page error: ${e.message}`); });
  return watch;
}

export async function screenshot(t, page, name) {
  const dir = join(t.cfg.out, '..', 'webphone');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  t.note(`screenshot ${join(dir, `${name}.png`)}`);
}

export const text = (page, sel) => page.locator(sel).innerText();
export const visible = (page, sel, timeout = 10000) => page.locator(sel).waitFor({ state: 'visible', timeout });

/** Waits until `sel` is visible with text matching `re`; fails saying what it shows instead. */
export async function waitText(page, sel, re, label, timeoutMs = 5000) {
  const ok = await until(async () => (await page.locator(sel).isVisible()) && re.test(await page.locator(sel).innerText()),
    { timeoutMs, everyMs: 50 });
  if (!ok) {
    const shown = await page.locator(sel).isVisible() ? `"${await text(page, sel)}"` : 'nothing (hidden)';
    const err = await page.locator('#error').isVisible() ? `; the error banner says "${await text(page, '#error')}"` : '';
    check(false, `${label}: ${sel} shows ${shown}, not ${re}${err}`);
  }
  return text(page, sel);
}

/** Waits until the status pill says `state` (data-state); returns the ms it took. */
export async function waitStatus(page, state, { timeout = 10000, label = '' } = {}) {
  const t0 = performance.now();
  try {
    await page.locator(`#status[data-state="${state}"]`).waitFor({ timeout });
  } catch {
    const now = await page.locator('#status').getAttribute('data-state');
    const err = await page.locator('#error').isVisible() ? await text(page, '#error') : '';
    check(false, `${label}: status is "${now}", not "${state}" after ${timeout} ms${err ? `; the page says: ${err}` : ''}`);
  }
  return performance.now() - t0;
}

/** Fills the settings form as a user would and saves. */
export async function fillSettings(page, { user, password, name }) {
  await visible(page, '#settings');
  await page.fill('#user', user);
  await page.fill('#password', password);
  await page.fill('#display-name', name || '');
  await page.click('#save');
}

/** Dials by clicking the dial pad's keys, then the call button. */
export async function dialByKeypad(page, number) {
  await page.fill('#number', '');
  for (const d of number) await page.click(`#keypad [data-key="${d}"]`);
  const shown = await page.inputValue('#number');
  check(shown === number, `the dial pad typed "${shown}", not "${number}"`);
  await page.click('#call');
}

/** The manifest as the page links it, checked for what installability needs; icons fetched and decoded. */
export async function checkManifest(t, page, app) {
  const m = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    const r = await fetch(link.href);
    const json = await r.json();
    const icons = [];
    for (const i of json.icons || []) {
      const ir = await fetch(new URL(i.src, link.href));
      const bmp = await createImageBitmap(await ir.blob());
      icons.push({ ...i, status: ir.status, type: ir.headers.get('content-type'), width: bmp.width, height: bmp.height });
    }
    return { url: link.href, contentType: r.headers.get('content-type'), json, icons,
      startUrl: new URL(json.start_url, link.href).href, scope: new URL(json.scope, link.href).href };
  });
  const where = `${app} manifest ${m.url}`;
  check(m.contentType === 'application/manifest+json', `${where}: Content-Type ${m.contentType}`);
  check(m.json.name && m.json.short_name, `${where}: no name/short_name`);
  check(m.json.display === 'standalone', `${where}: display is ${m.json.display}`);
  check(m.startUrl === `${originOf(t.cfg)}/phone/${app}/`, `${where}: start_url resolves to ${m.startUrl}`);
  check(m.scope === `${originOf(t.cfg)}/phone/${app}/`, `${where}: scope resolves to ${m.scope}`);
  for (const size of [192, 512]) {
    const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === 'any');
    check(icon, `${where}: no ${size}px icon`);
    check(icon.status === 200 && icon.type === 'image/png' && icon.width === size && icon.height === size,
      `${where}: icon ${icon.src} is ${icon.status} ${icon.type} ${icon.width}x${icon.height}`);
  }
  check(m.icons.some((i) => i.purpose === 'maskable'), `${where}: no maskable icon`);
  // Chromium's own parse, through the DevTools protocol
  const cdp = await page.context().newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  await cdp.detach();
  check(parsed.errors.length === 0, `${where}: Chromium reports ${JSON.stringify(parsed.errors)}`);
  t.say(`${app}: manifest "${m.json.name}" (display ${m.json.display}, start_url ${m.startUrl}, ` +
    `icons ${m.icons.map((i) => `${i.width}px ${i.purpose}`).join(', ')}); Chromium parses it without errors`);
}

/** SHA-256 of the gateway certificate's public key (base64), as --ignore-certificate-errors-spki-list wants it. */
function gatewaySpki(cfg) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: cfg.wssPort, rejectUnauthorized: false }, () => {
      const spki = socket.getPeerX509Certificate().publicKey.export({ type: 'spki', format: 'der' });
      socket.end();
      resolve(createHash('sha256').update(spki).digest('base64'));
    });
    socket.on('error', reject);
  });
}

/**
 * Chromium's installability check (DevTools Page.getInstallabilityErrors) for each app. The
 * test contexts cannot pass it: they are off the record ("in-incognito") and accept the
 * gateway's self-signed certificate as an error ("not-from-secure-origin"). So this starts one
 * more Chromium in the namespace with a real (temporary) profile that trusts that certificate's
 * key (--ignore-certificate-errors-spki-list), opens each app and waits for no errors.
 */
export async function checkInstallable(t, apps, { timeoutMs = 8000 } = {}) {
  const spki = await gatewaySpki(t.cfg);
  const profile = mkdtempSync(join(tmpdir(), 'tabphone-pwa-'));
  const here = dirname(fileURLToPath(import.meta.url));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: join(here, '..', 'chromium-netns.sh'), headless: true,
    args: [...chromiumFlags().filter((f) => f !== '--ignore-certificate-errors'), `--ignore-certificate-errors-spki-list=${spki}`],
    env: { ...process.env, TABPHONE_NETNS: t.cfg.netns, TABPHONE_CHROMIUM: t.cfg.chromium },
  });
  try {
    for (const app of apps) {
      const page = await ctx.newPage();
      await page.goto(`${originOf(t.cfg)}/phone/${app}/`);
      const secure = await page.evaluate(() => window.isSecureContext);
      await page.evaluate(() => navigator.serviceWorker.ready);
      const cdp = await ctx.newCDPSession(page);
      let errors = null;
      const t0 = performance.now();
      await until(async () => {
        errors = (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors;
        return errors.length === 0;
      }, { timeoutMs, everyMs: 250 });
      await cdp.detach();
      check(errors.length === 0, `${app}: Chromium's installability check says ${JSON.stringify(errors)} (secure context: ${secure})`);
      t.measure(`${app}: Chromium's installability check passes (fresh profile, gateway certificate trusted by key)`, performance.now() - t0);
      await page.close();
    }
  } finally {
    await ctx.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The service worker controls the page (after a reload) and has cached the shell. */
export async function checkServiceWorker(t, page, app) {
  const ready = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => ({ scope: r.scope, state: r.active && r.active.state })));
  check(ready.scope === `${originOf(t.cfg)}/phone/${app}/`, `${app}: service worker scope ${ready.scope}`);
  await page.reload();
  const after = await page.evaluate(async () => ({
    controlled: !!navigator.serviceWorker.controller,
    script: navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL,
    caches: await caches.keys(),
  }));
  check(after.controlled, `${app}: no service worker controls the page after a reload`);
  const cache = after.caches.find((k) => k.startsWith(`tabphone-${app}-`));
  check(cache, `${app}: no shell cache (caches: ${after.caches.join(', ')})`);
  t.say(`${app}: service worker ${after.script} (${ready.state}) controls the page after a reload; shell cache ${cache}`);
}

/** Settings as the form shows them (after opening Settings); closes it again. */
export async function shownSettings(page) {
  await page.click('#open-settings');
  await visible(page, '#settings');
  const s = { server: await page.inputValue('#server'), user: await page.inputValue('#user'),
    password: await page.inputValue('#password'), name: await page.inputValue('#display-name') };
  await page.click('#close-settings');
  return s;
}

/** RTP counters of the page's call (window.tabphone.stats()), once inbound packets have arrived. */
export async function inboundRtp(page, label, timeoutMs = 8000) {
  const s = await until(async () => {
    const r = await page.evaluate(() => window.tabphone.stats());
    return r && r.inbound && r.inbound.packets > 0 ? r : null;
  }, { timeoutMs, everyMs: 100 });
  check(s, `${label}: no inbound RTP within ${timeoutMs} ms`);
  return s;
}

/** The dominant frequency of the call's remote audio (the page's <audio>), over ~1 s. */
export async function remoteTone(page) {
  return page.evaluate(async () => {
    const stream = document.getElementById('remote-audio').srcObject;
    if (!stream) return { error: 'no remote stream on the page\'s <audio>' };
    const ctx = new AudioContext();
    const src = ctx.createMediaStreamSource(stream);
    const an = ctx.createAnalyser();
    an.fftSize = 8192;
    src.connect(an);
    const bins = new Float32Array(an.frequencyBinCount);
    const peaks = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 100));
      an.getFloatFrequencyData(bins);
      let best = 1;
      for (let k = 1; k < bins.length; k++) if (bins[k] > bins[best]) best = k;
      peaks.push({ hz: Math.round((best * ctx.sampleRate) / an.fftSize), db: Math.round(bins[best]) });
    }
    src.disconnect();
    await ctx.close();
    const last = peaks.slice(-3);
    return { hz: last[1].hz, db: Math.max(...last.map((p) => p.db)), peaks };
  });
}

/** Both ends get RTP and hear the other's fake microphone. ends: [{page, label, hears}] */
export async function checkMedia(t, label, ends) {
  for (const e of ends) {
    const s = await inboundRtp(e.page, `${label}: ${e.label}`);
    const tone = await remoteTone(e.page);
    const m = toneMatches(tone, e.hears, { tolerance: 0.05, minDb: -60 });
    t.note(`${label}: ${e.label} stats ${JSON.stringify(s)} tone ${JSON.stringify(tone)}`);
    check(m.ok, `${label}: ${e.label} hears ${m.why} (the far side's microphone plays ${e.hears} Hz)`);
    t.say(`${label}: ${e.label} inbound-rtp ${s.inbound.packets} packets / ${s.inbound.bytes} bytes, ` +
      `outbound ${s.outbound?.packets} packets; hears ${tone.hz} Hz at ${tone.db} dB (far side plays ${e.hears} Hz)`);
  }
}

/** The SIP messages a page sent (harness frames), e.g. sent(t, 'jssip-1001', /^INVITE /). */
export const sent = (t, label, re) => t.frames.filter((f) => f.label === label && f.dir === 'out' && re.test(f.payload));
