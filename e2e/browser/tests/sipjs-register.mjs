// SIP.js (UserAgent + Registerer) registers 1002 over WSS and then WS: Registered, the 200 lists
// its own .invalid Contact with expires > 0, the gateway holds the binding (asked from outside
// the browser), and unregister() reaches Unregistered with a 200 that removes it.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { checkOwnBinding, checkBoundOutside, checkUnboundOutside } from '../lib/checks.mjs';

const user = '1002', password = 'demo1002';

await runBrowserTest('browser-sipjs-register', async (t) => {
  for (const [label, server] of [['wss', t.cfg.wss], ['ws', t.cfg.ws]]) {
    const page = await t.openPage(label);
    const id = `sipjs-${label}`;
    const r = await page.evaluate((a) => window.e2e.sipjsRegister(a),
      { id, server, aor: `sip:${user}@${t.cfg.domain}`, username: user, password });
    check(r.event === 'Registered',
      `${label}: SIP.js got ${r.event}${r.error ? ` (${r.error})` : ''}${r.response ? ` with ${r.response.status} ${r.response.reason}` : ''}, not Registered; events ${JSON.stringify(r.events)}`);
    const { expires } = checkOwnBinding(label, r);
    const connected = r.events.find((e) => e.event === 'connected');
    t.measure(`${label}: SIP.js start → connected`, connected ? connected.ms : NaN);
    t.measure(`${label}: SIP.js start → Registered`, r.ms);
    t.say(`${label}: 200 lists ${r.ownContact} with expires=${expires}`);
    await checkBoundOutside(t, label, user, password, r.ownHost);

    const u = await page.evaluate((a) => window.e2e.sipjsUnregister(a), { id });
    check(u.event === 'Unregistered', `${label}: unregister gave ${u.event}${u.error ? ` (${u.error})` : ''}, state ${u.state}`);
    check(u.response && u.response.status === 200, `${label}: the un-REGISTER got ${u.response?.status} ${u.response?.reason}, not 200`);
    t.measure(`${label}: SIP.js unregister → Unregistered (200)`, u.ms);
    await checkUnboundOutside(t, label, user, password, r.ownHost);
    await page.evaluate((a) => window.e2e.sipjsStop(a), { id });
    await page.close();
  }
});
