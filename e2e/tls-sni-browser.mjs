// Chromium registers over WSS to two tenants, each reached by its own host name, trusting only
// that tenant's certificate: the key is given with --ignore-certificate-errors-spki-list (the
// "trust via flags" of TESTING.md) and --ignore-certificate-errors is NOT passed, so a handshake
// that got any other certificate (the default, or the other tenant's) fails. Host names resolve to
// the gateway's namespace address through --host-resolver-rules.
//   TLS_SNI_TENANTS='[{"host","spki","uri","password"}, ...]' node tls-sni-browser.mjs
// Run after browser/prepare.sh (namespace up, page built). Exits non-zero on failure.
import { chromium } from './browser/node_modules/playwright-core/index.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const gatewayIp = env.TABPHONE_NETNS_HOST_IP || '198.51.100.1';
const wssPort = Number(env.SIP_WSS_PORT || 8443);
const tenants = JSON.parse(env.TLS_SNI_TENANTS);
const resolve = tenants.map((t) => `MAP ${t.host} ${gatewayIp}`).join(',');
let failed = false;

async function attempt(page, id, t, timeoutMs) {
  return page.evaluate((a) => window.e2e.jssipRegister(a),
    { id, server: `wss://${t.host}:${wssPort}/ws`, uri: t.uri, password: t.password, timeoutMs });
}

for (const [i, t] of tenants.entries()) {
  const browser = await chromium.launch({
    executablePath: join(here, 'browser', 'chromium-netns.sh'),
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--host-resolver-rules=${resolve}`, `--ignore-certificate-errors-spki-list=${t.spki}`],
    env: { ...env, TABPHONE_CHROMIUM: env.TABPHONE_CHROMIUM || '/usr/bin/chromium' },
    timeout: 30000,
  });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pathToFileURL(join(here, 'browser', 'dist', 'index.html')).href);
    await page.waitForFunction(() => window.e2e && window.JsSIP, null, { timeout: 10000 });
    const r = await attempt(page, `own-${i}`, t, 10000);
    if (r.event === 'registered') {
      console.log(`tls-sni: Chromium trusting only ${t.host}'s key registered ${t.uri} over wss://${t.host}:${wssPort}`);
    } else {
      console.log(`tls-sni: FAIL — Chromium trusting ${t.host}'s key got ${r.event} for ${t.uri}: ${JSON.stringify(r)}`);
      failed = true;
    }
    await page.evaluate((a) => window.e2e.jssipStop(a), { id: `own-${i}` });
    // the control: the other tenant's name presents the other certificate, which this browser refuses
    const other = tenants[(i + 1) % tenants.length];
    const o = await attempt(page, `other-${i}`, other, 4000);
    if (o.event === 'registered') {
      console.log(`tls-sni: FAIL — Chromium trusting only ${t.host}'s key also registered over ${other.host}`);
      failed = true;
    } else {
      console.log(`tls-sni: the same browser is refused ${other.host} (${o.event}): that name got another certificate`);
    }
    await page.evaluate((a) => window.e2e.jssipStop(a), { id: `other-${i}` });
  } finally {
    await browser.close();
  }
}
process.exit(failed ? 1 : 0);
