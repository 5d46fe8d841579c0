// JsSIP registers 1001 over WSS and then WS: `registered` with a 200 listing its own .invalid
// Contact with expires > 0, the gateway holds the binding (asked from outside the browser), and
// unregister() gets `unregistered` with a 200 that removes it.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { checkOwnBinding, checkBoundOutside, checkUnboundOutside } from '../lib/checks.mjs';
import { optionsToUser } from '../lib/sip-options.mjs';

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

    // an OPTIONS for 1001 from a phone on the host reaches JsSIP over its WebSocket and is answered
    const framesBefore = t.frames.length;
    const o0 = performance.now();
    const answer = await optionsToUser({ port: t.cfg.udpPort, domain: t.cfg.domain, user });
    check(answer.status === 200, `${label}: OPTIONS to ${user} got ${answer.status} ${answer.reason}, not 200 from the browser`);
    // Playwright reports frames asynchronously (over CDP): the relayed 200 can beat the frame event
    const sawOptions = () => t.frames.slice(framesBefore).some((f) => f.dir === 'in' && /^OPTIONS sip:/.test(f.payload));
    for (let i = 0; i < 20 && !sawOptions(); i++) await new Promise((r) => setTimeout(r, 50));
    const reached = sawOptions();
    check(reached, `${label}: no OPTIONS frame reached the browser's WebSocket`);
    const toTag = (answer.headers.find(([n]) => n === 'to') || [])[1] || '';
    check(/;tag=/.test(toTag), `${label}: the relayed 200 carries no To tag: ${toTag}`);
    t.measure(`${label}: OPTIONS via the gateway → browser → 200 back`, performance.now() - o0);

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
