// Attended transfer by the callee (RFC 5589 §7, the receptionist flow), run by
// e2e/tests/attended-callee.sh: JsSIP 1001 (Alice, 440 Hz) calls SIP.js 1002 (Bob); Bob holds her,
// calls SIP.js 1003 (Carol, 600 Hz, a third tab) and REFERs from his leg of the first call with
// Replaces naming his call with Carol (SIP.js session.refer(otherSession)). The gateway joins
// Alice and Carol in place: no re-INVITE moves anyone, Alice — held — gets the one re-INVITE
// that takes her off hold on her own leg, Carol none; Bob gets NOTIFY 200 and hangs up both
// calls. Alice and Carol hear each other's tone; Alice hangs up and Carol gets the BYE. The page
// helpers place calls from JsSIP only, so Bob's hold, call and REFER use SIP.js on his page.
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { answerCall, checkAudio, placeCall, registerJssipAndSipjs, sipjsRegister, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };
const carol = { user: '1003', password: 'demo1003', tone: 600 };
const tone = (page, key) => page.evaluate((x) => window.e2e.remoteTone(x), { key, ms: 400 });

await runBrowserTest('attended-callee', async (t) => {
  const { a, b } = await registerJssipAndSipjs(t, { alice, bob });
  const c = await t.openPage('sipjs-1003');
  await sipjsRegister(t, c, 'carol', carol);

  const one = await placeCall(t, 'one', { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob',
    index: 0, target: `sip:${bob.user}@${t.cfg.domain}`, tone: alice.tone });
  await answerCall(t, 'one', { callerPage: a, callerKey: one.callerKey, calleePage: b, calleeKey: one.calleeKey });

  // Bob holds Alice (re-INVITE a=sendonly from SIP.js), then calls Carol from the same UA
  const held = await b.evaluate(async ({ callId }) => {
    const s = Object.values(window.e2e.ua('bob')._sessions).find((x) => x.request?.callId === callId);
    if (!s) return { error: `Bob's session ${callId} not found` };
    window.attended = { one: s, events: [] };
    try {
      await s.invite({ sessionDescriptionHandlerModifiers: [window.SIP.Web.holdModifier] });
    } catch (e) {
      return { error: String(e) };
    }
    return { ok: true };
  }, { callId: one.calleeCallId });
  check(!held.error, held.error);
  const aliceHeld = await a.evaluate((x) => window.e2e.waitCall(x), { key: one.callerKey, events: ['hold:remote'], timeoutMs: 5000 });
  check(aliceHeld.event === 'hold:remote', `Alice was not put on hold by Bob (${aliceHeld.event})`);

  const dialled = await b.evaluate(async ({ target }) => {
    const SIP = window.SIP;
    const inviter = new SIP.Inviter(window.e2e.ua('bob'), SIP.UserAgent.makeURI(target),
      { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    window.attended.two = inviter;
    inviter.stateChange.addListener((st) => window.attended.events.push({ event: `two:${st}`, at: Date.now() }));
    try {
      await inviter.invite();
    } catch (e) {
      return { error: String(e) };
    }
    return { ok: true };
  }, { target: `sip:${carol.user}@${t.cfg.domain}` });
  check(!dialled.error, dialled.error);
  const inc = await c.evaluate((x) => window.e2e.waitIncoming(x), { id: 'carol', index: 0, timeoutMs: 5000 });
  check(inc.key, 'Carol got no INVITE from Bob within 5 s');
  await c.evaluate((x) => window.e2e.sipjsAnswer(x), { key: inc.key });
  const up = await until(() => b.evaluate(() => window.attended.two.state === 'Established'), { timeoutMs: 8000, everyMs: 50 });
  check(up, 'Bob\'s call to Carol was not established within 8 s');
  const pc = await c.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['pc:connected', 'pc:failed'], timeoutMs: 10000 });
  check(pc.event === 'pc:connected', `Carol's peer connection reached ${pc.event}, not connected`);

  // Bob REFERs on call one with Replaces naming call two (as his SIP.js dialog sees it)
  const framesBefore = t.frames.length;
  const t0 = Date.now();
  const sent = await b.evaluate(async () => {
    const { one, two, events } = window.attended;
    const note = (event) => events.push({ event, at: Date.now() });
    try {
      await one.refer(two, {
        requestDelegate: { onAccept: () => note('202'), onReject: (r) => note(`refused ${r.message.statusCode}`) },
        onNotify: (n) => { note(`notify ${String(n.request.body || '').trim().split('\r\n')[0]}`); n.accept(); },
      });
    } catch (e) {
      return { error: String(e) };
    }
    return { ok: true };
  });
  check(!sent.error, sent.error);
  const outcome = await until(async () => {
    const ev = await b.evaluate(() => window.attended.events);
    return ev.find((e) => /^notify SIP\/2.0 [2-6]/.test(e.event) || /^refused/.test(e.event)) ? ev : null;
  }, { timeoutMs: 5000, everyMs: 50 });
  check(outcome, 'Bob got no final NOTIFY within 5 s of his REFER');
  t.say(`Bob's REFER: ${outcome.filter((e) => !e.event.startsWith('two:')).map((e) => e.event).join(', ')}`);
  const done = outcome.find((e) => e.event === 'notify SIP/2.0 200 OK');
  check(outcome.some((e) => e.event === '202') && done, `Bob's REFER with Replaces did not end in NOTIFY 200: ${JSON.stringify(outcome)}`);
  t.measure('REFER sent → NOTIFY 200 at Bob', done.at - t0);
  // Bob hangs up both calls, as a softphone does after a transfer: the gateway answers, nobody else hears it
  await b.evaluate(async () => {
    const { one, two } = window.attended;
    await Promise.allSettled([one.bye(), two.bye()]);
  });

  const heard = await until(async () => {
    const [ha, hc] = await Promise.all([tone(a, one.callerKey), tone(c, inc.key)]);
    return Math.abs(ha.hz - carol.tone) <= 30 && Math.abs(hc.hz - alice.tone) <= 30 ? { ha, hc } : null;
  }, { timeoutMs: 5000, everyMs: 100 });
  check(heard, 'Alice and Carol do not hear each other within 5 s of the transfer');
  t.measure('REFER sent → Alice and Carol hear each other', Date.now() - t0);
  await checkAudio(t, 'after the transfer', [
    { page: a, key: one.callerKey, who: 'Alice (JsSIP)', hears: carol.tone },
    { page: c, key: inc.key, who: 'Carol (SIP.js)', hears: alice.tone },
  ]);
  const invitesTo = (label, frames) => frames.filter((f) => f.label === label && f.dir === 'in' && /^INVITE /.test(f.payload));
  const toCarol = invitesTo('sipjs-1003', t.frames.slice(framesBefore));
  check(!toCarol.length, `the gateway re-INVITEd Carol:\n${toCarol.map((f) => f.payload).join('\n')}`);
  const toAlice = invitesTo('jssip-1001', t.frames.slice(framesBefore));
  check(toAlice.length === 1, `Alice got ${toAlice.length} re-INVITEs after the transfer, not the one that takes her off hold`);
  check(!/^a=(sendonly|recvonly|inactive)/m.test(toAlice[0].payload), `Alice's re-INVITE is not sendrecv:\n${toAlice[0].payload}`);
  for (const [page, key, who] of [[a, one.callerKey, 'Alice'], [c, inc.key, 'Carol']]) {
    const st = await page.evaluate((x) => window.e2e.callState(x), { key });
    check(st.pc?.connection === 'connected', `${who}'s peer connection is ${st.pc?.connection} after the transfer`);
    check(!st.events.some((e) => e.event === 'bye' || e.event === 'ended'), `${who}'s call ended in the transfer`);
  }

  // Alice hangs up: the BYE reaches Carol
  await a.evaluate((x) => window.e2e.hangup(x), { key: one.callerKey });
  const bye = await c.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['bye'], timeoutMs: 3000 });
  check(bye.event === 'bye', `Carol got no BYE when Alice hung up (${bye.event})`);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' },
    { page: c, lib: 'sipjs', id: 'carol' }]);
}, { timeoutMs: 60000 });
