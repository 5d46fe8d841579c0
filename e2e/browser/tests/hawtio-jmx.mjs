// Hawtio on Karaf's HTTP port: installs the tabphone-hawtio feature over the Karaf console, opens
// http://127.0.0.1:8181/hawtio in Debian's Chromium (on the host: it only talks to 127.0.0.1),
// signs in as admin/admin (Karaf's JAAS realm), opens the JMX tree and checks that the
// org.tabphone domain lists the gateway's MBeans and that their attribute values render: Calls
// Active equals the live count tabphone:calls prints, Media PortPairsFree is a positive number.
// Screenshots in $E2E_OUT/hawtio/; fails when a MBean is missing.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { karaf, gatewayCalls } from '../lib/karaf.mjs';

const base = process.env.HAWTIO_URL || 'http://127.0.0.1:8181/hawtio';
const out = join(process.env.E2E_OUT || new URL('../../target', import.meta.url).pathname, 'hawtio');
const expected = ['Calls', 'Media', 'Registrations', 'Transports', 'Trunks', 'Cdr'];
const say = (text) => console.log(`hawtio-jmx: ${text}`);
const fail = (text) => { throw new Error(text); };
mkdirSync(out, { recursive: true });

async function waitForHawtio(timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${base}/auth/login`);
      if (res.ok) return;
    } catch { /* not deployed yet */ }
    if (Date.now() > until) fail(`${base}/auth/login did not answer 200 within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The attribute table of the selected MBean: {Attribute: Value}, keyed by the JMX attribute name
 *  without spaces (Hawtio shows PortPairsFree as "Port pairs free"). */
async function attributes(page) {
  const table = page.locator('table').filter({ hasText: 'Attribute' }).first();
  await table.locator('tbody tr').first().waitFor({ timeout: 15000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
  return Object.fromEntries(rows.filter((r) => r.length >= 2).map((r) => [r[0].replace(/\s+/g, '').toLowerCase(), r[1]]));
}

async function openMBean(page, type) {
  await page.locator(`#jmxtree li[id="root-org.tabphone-${type}"]`).click();
  await page.waitForURL(new RegExp(`nid=root-org\\.tabphone-${type}$`), { timeout: 10000 });
  return attributes(page);
}

const t0 = performance.now();
say('feature:install tabphone-hawtio');
await karaf('feature:install tabphone-hawtio', { timeoutMs: 120000 });
await waitForHawtio(60000);
say(`Hawtio answers after ${Math.round(performance.now() - t0)} ms`);

const browser = await chromium.launch({
  executablePath: process.env.TABPHONE_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let page;
try {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('admin');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 20000 })
    .catch(() => fail('signing in as admin/admin did not leave the login page'));
  say('signed in as admin');

  await page.goto(`${base}/jmx/attributes`);
  const domain = page.locator('#jmxtree li[id="root-org.tabphone"]');
  await domain.waitFor({ timeout: 20000 }).catch(() => fail('no org.tabphone domain in the JMX tree'));
  await domain.locator('.expand-icon').click();
  const mbeans = await page.locator('#jmxtree li[id^="root-org.tabphone-"]').allTextContents();
  say(`org.tabphone MBeans: ${mbeans.join(', ')}`);
  const missing = expected.filter((m) => !mbeans.includes(m));
  if (missing.length) fail(`MBeans missing from org.tabphone: ${missing.join(', ')}`);

  const media = await openMBean(page, 'Media');
  say(`Media: ${JSON.stringify(media)}`);
  if (!(Number(media.portpairsfree) > 0)) fail(`Media PortPairsFree renders as '${media.portpairsfree}'`);

  const calls = await openMBean(page, 'Calls');
  say(`Calls: ${JSON.stringify(calls)}`);
  const shell = await gatewayCalls();
  if (!/^\d+$/.test(calls.active ?? '')) fail(`Calls Active renders as '${calls.active}'`);
  if (Number(calls.active) !== shell.live) fail(`Calls Active ${calls.active} but tabphone:calls says ${shell.live} live`);
  if (calls.objectname !== 'org.tabphone:type=Calls') fail(`Calls object name '${calls.objectname}'`);

  await page.screenshot({ path: join(out, 'hawtio-tabphone-calls.png') });
  say(`PASS — screenshot ${join(out, 'hawtio-tabphone-calls.png')}`);
} catch (e) {
  if (page) await page.screenshot({ path: join(out, 'hawtio-failure.png') }).catch(() => {});
  say(`FAIL — ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
