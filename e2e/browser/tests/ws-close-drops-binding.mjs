// A closed WebSocket takes its bindings with it, and only its own: 1004 registers from two tabs
// (JsSIP, one over WSS, one over WS), the gateway holds both; closing the WSS tab removes that
// binding while the WS tab's stays; closing the WS tab removes the other.
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { checkOwnBinding, checkBoundOutside, bindingsFromOutside } from '../lib/checks.mjs';

const user = '1004', password = 'demo1004';

await runBrowserTest('browser-ws-close-drops-binding', async (t) => {
  const tabs = {};
  for (const [label, server] of [['wss', t.cfg.wss], ['ws', t.cfg.ws]]) {
    const page = await t.openPage(label);
    const r = await page.evaluate((a) => window.e2e.jssipRegister(a),
      { id: label, server, uri: `sip:${user}@${t.cfg.domain}`, password });
    check(r.event === 'registered', `${label}: JsSIP got ${r.event}${r.response ? ` with ${r.response.status}` : ''}, not registered`);
    checkOwnBinding(label, r);
    tabs[label] = { page, host: r.ownHost };
  }
  await checkBoundOutside(t, 'wss tab', user, password, tabs.wss.host);
  await checkBoundOutside(t, 'ws tab', user, password, tabs.ws.host);

  for (const [label, other] of [['wss', 'ws'], ['ws', null]]) {
    const t0 = performance.now();
    await tabs[label].page.close();    // the tab goes away; JsSIP sends no un-REGISTER
    const contacts = await until(async () => {
      const c = await bindingsFromOutside(t, user, password);
      return c.some((x) => x.host === tabs[label].host) ? null : c;
    }, { timeoutMs: 5000, everyMs: 100 });
    check(contacts, `${label} tab closed: the gateway still holds its binding at ${tabs[label].host} after 5 s`);
    t.measure(`${label} tab closed → binding gone`, performance.now() - t0);
    if (other) {
      check(contacts.some((x) => x.host === tabs[other].host),
        `${label} tab closed: the ${other} tab's binding at ${tabs[other].host} went too`);
      t.say(`${label} tab closed: the ${other} tab's binding stays`);
    }
  }
});
