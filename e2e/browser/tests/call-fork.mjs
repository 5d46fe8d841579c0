// A forked call: 1002 is registered from two SIP.js tabs, JsSIP (1001) calls 1002 and the gateway
// rings both (tabphone:calls shows 2 branches). The first tab answers: the call is set up with
// it (ICE connects, JsSIP confirmed) and the second tab gets a CANCEL (RFC 3261 §16.7 step 10
// for a B2BUA's fork). The caller hangs up and the answering tab gets the BYE.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { gatewayCalls } from '../lib/karaf.mjs';
import { answerCall, checkByeAnswered, checkNoUnsupported, placeCall, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001' };
const bob = { user: '1002', password: 'demo1002' };

await runBrowserTest('browser-call-fork', async (t) => {
  const a = await t.openPage('jssip-1001');
  const ra = await a.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'alice', server: t.cfg.wss, uri: `sip:${alice.user}@${t.cfg.domain}`, password: alice.password });
  check(ra.event === 'registered', `JsSIP 1001 got ${ra.event}, not registered`);
  const tabs = [];
  for (const [i, server] of [[1, t.cfg.wss], [2, t.cfg.ws]]) {
    const page = await t.openPage(`sipjs-1002-${i}`);
    const r = await page.evaluate((x) => window.e2e.sipjsRegister(x),
      { id: `bob${i}`, server, aor: `sip:${bob.user}@${t.cfg.domain}`, username: bob.user, password: bob.password, call: { tone: 1000 } });
    check(r.event === 'Registered', `SIP.js 1002 tab ${i} got ${r.event}, not Registered`);
    tabs.push({ page, id: `bob${i}`, label: `sipjs-1002-${i}` });
  }
  const before = await gatewayCalls();
  check(before.live === 0, `tabphone:calls shows ${before.live} live calls before the test:\n${before.text}`);

  const label = 'fork';
  const [b1, b2] = tabs;
  const { callerKey, calleeKey, calleeCallId } = await placeCall(t, label,
    { callerPage: a, callerId: 'alice', calleePage: b1.page, calleeId: b1.id, index: 0, target: `sip:${bob.user}@${t.cfg.domain}`, tone: 440 });
  const other = await b2.page.evaluate((x) => window.e2e.waitIncoming(x), { id: b2.id, index: 0, timeoutMs: 3000 });
  check(other.key, `${label}: the second registration (tab 2, over WS) never rang`);
  const otherCallId = other.events.find((e) => e.event === 'invite').callId;
  check(otherCallId !== calleeCallId, `${label}: both branches share Call-ID ${otherCallId}`);
  const ringing = await gatewayCalls();
  const row = ringing.rows.find((r) => r.callee?.includes(`${bob.user}@`));
  check(row && row.state === 'RINGING' && row.branches === '2', `${label}: tabphone:calls while ringing:\n${ringing.text}`);
  t.say(`${label}: both tabs ring; tabphone:calls: ${row.state}, ${row.branches} branches`);

  await answerCall(t, label, { callerPage: a, callerKey, calleePage: b1.page, calleeKey });
  const accept = (await b1.page.evaluate((x) => window.e2e.callState(x), { key: calleeKey })).events.find((e) => e.event === 'accept');
  const cancel = await b2.page.evaluate((x) => window.e2e.waitCall(x), { key: other.key, events: ['cancel'], timeoutMs: 5000 });
  check(cancel.event === 'cancel', `${label}: tab 2 got no CANCEL after tab 1 answered: ${JSON.stringify(cancel.events?.map((e) => e.event))}`);
  t.measure(`${label}: tab 1 accept() → tab 2 CANCELled`, cancel.at - accept.at);
  const st = await b2.page.evaluate((x) => window.e2e.waitCall(x), { key: other.key, events: ['state:Terminated'], timeoutMs: 3000 });
  check(st.event === 'state:Terminated', `${label}: tab 2's invitation did not terminate after the CANCEL`);

  const h = await a.evaluate((x) => window.e2e.hangup(x), { key: callerKey });
  const bye = await b1.page.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['bye'], timeoutMs: 5000 });
  check(bye.event === 'bye', `${label}: the answering tab got no BYE after the caller hung up`);
  t.measure(`${label}: caller hangup → answering tab onBye`, bye.at - h.at);
  await checkByeAnswered(t, label, b1.label, calleeCallId);
  const after = await gatewayCalls();
  check(after.live === 0, `${label}: tabphone:calls shows ${after.live} live calls after the hangup:\n${after.text}`);
  check(after.answered - before.answered === 1, `${label}: ${after.answered - before.answered} answered, not 1`);
  check(!t.frames.some((f) => f.label === b2.label && f.dir === 'in' && /^BYE /.test(f.payload)), `${label}: tab 2 got a BYE for a call it never answered`);
  checkNoUnsupported(t);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, ...tabs.map((x) => ({ page: x.page, lib: 'sipjs', id: x.id }))]);
});
