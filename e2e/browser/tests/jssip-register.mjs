// JsSIP registers 1001 over WSS and then WS: `registered` with a 200 listing its own .invalid
// Contact with expires > 0, the gateway holds the binding (asked from outside the browser), and
// unregister() gets `unregistered` with a 200 that removes it.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { checkOwnBinding, checkBoundOutside, checkUnboundOutside } from '../lib/checks.mjs';

const user = '1001', password = 'demo1001';

await runBrowserTest('browser-jssip-register', async (t) => {
  for (const [label, server] of [['wss', t.cfg.wss], ['ws', t.cfg.ws]]) {
    const page = await t.openPage(label);
    const id = `jssip-${label}`;
    const r = await page.evaluate((a) => window.e2e.jssipRegister(a),
      { id, server, uri: `sip:${user}@${t.cfg.domain}`, password });
    check(r.event === 'registered',
      `${label}: JsSIP got ${r.event}${r.cause ? ` (${r.cause})` : ''}${r.response ? ` with ${r.response.status} ${r.response.reason}` : ''}, not registered; events ${JSON.stringify(r.events)}`);
    const { expires } = checkOwnBinding(label, r);
    const connected = r.events.find((e) => e.event === 'connected');
    t.measure(`${label}: JsSIP start → connected`, connected ? connected.ms : NaN);
    t.measure(`${label}: JsSIP start → registered`, r.ms);
    t.say(`${label}: 200 lists ${r.ownContact} with expires=${expires}`);
    await checkBoundOutside(t, label, user, password, r.ownHost);

    const u = await page.evaluate((a) => window.e2e.jssipUnregister(a), { id });
    check(u.event === 'unregistered' && !u.cause,
      `${label}: unregister gave ${u.event} cause=${u.cause}${u.response ? ` response ${u.response.status} ${u.response.reason}` : ''}`);
    check(u.response && u.response.status === 200, `${label}: the un-REGISTER got ${u.response?.status} ${u.response?.reason}, not 200`);
    t.measure(`${label}: JsSIP unregister → unregistered (200)`, u.ms);
    await checkUnboundOutside(t, label, user, password, r.ownHost);
    await page.evaluate((a) => window.e2e.jssipStop(a), { id });
    await page.close();
  }
});
