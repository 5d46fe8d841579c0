// Attended transfer between browsers (RFC 5589 §7), run by e2e/tests/attended-browsers.sh: JsSIP
// 1001 (Alice) calls SIP.js 1002 (Bob, 1 kHz), holds him, calls SIP.js 1003 (Carol, 600 Hz, a
// third tab with its own WebSocket), then REFERs Bob with Replaces naming her call with Carol. The
// gateway joins the two calls' media in place — no re-INVITE moves anyone (a browser can't move
// its DTLS association to new ports) — Alice gets NOTIFY 200 and both her calls end, Bob gets one
// re-INVITE on his own leg that takes him off hold (same port, ICE credentials and fingerprint),
// and Bob and Carol hear each other's tone on the peer connections they already have. Then Bob
// hangs up: Carol gets the BYE. The page helpers have no REFER: the test
// calls JsSIP's RTCSession.refer(target, {replaces}) on the page's UA.
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { answerCall, checkAudio, placeCall, registerJssipAndSipjs, sipjsRegister, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };
const carol = { user: '1003', password: 'demo1003', tone: 600 };
const tone = (page, key) => page.evaluate((x) => window.e2e.remoteTone(x), { key, ms: 400 });

await runBrowserTest('attended-browsers', async (t) => {
  const { a, b } = await registerJssipAndSipjs(t, { alice, bob });
  const c = await t.openPage('sipjs-1003');
  await sipjsRegister(t, c, 'carol', carol);

  const one = await placeCall(t, 'one', { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob',
    index: 0, target: `sip:${bob.user}@${t.cfg.domain}`, tone: alice.tone });
  await answerCall(t, 'one', { callerPage: a, callerKey: one.callerKey, calleePage: b, calleeKey: one.calleeKey });
  // Alice holds Bob before she calls Carol, as a softphone does
  await a.evaluate((x) => window.e2e.hold(x), { key: one.callerKey, on: true });
  const held = await a.evaluate((x) => window.e2e.waitCall(x), { key: one.callerKey, events: ['hold:local'], timeoutMs: 5000 });
  check(held.event === 'hold:local', 'Alice could not put Bob on hold');
  const two = await placeCall(t, 'two', { callerPage: a, callerId: 'alice', calleePage: c, calleeId: 'carol',
    index: 0, target: `sip:${carol.user}@${t.cfg.domain}`, tone: alice.tone });
  await answerCall(t, 'two', { callerPage: a, callerKey: two.callerKey, calleePage: c, calleeKey: two.calleeKey });
  await checkAudio(t, 'before the transfer', [{ page: c, key: two.calleeKey, who: 'Carol (SIP.js)', hears: alice.tone }]);

  // Alice REFERs Bob (call one) to Carol with Replaces naming her call with Carol (call two)
  const framesBefore = t.frames.length;
  const t0 = Date.now();
  const sent = await a.evaluate(({ one, two, target }) => {
    const sessions = Object.values(window.e2e.ua('alice')._sessions);
    const byCallId = (id) => sessions.find((s) => s._request?.call_id === id);
    const s1 = byCallId(one);
    const s2 = byCallId(two);
    if (!s1 || !s2) return { error: `sessions not found: ${sessions.map((s) => s._request?.call_id)}` };
    window.attended = { events: [] };
    const note = (event) => window.attended.events.push({ event, at: Date.now() });
    s1.refer(target, { replaces: s2, eventHandlers: {
      requestSucceeded: () => note('202'), requestFailed: (e) => note(`refused ${e.response?.status_code}`),
      trying: () => note('trying'), progress: () => note('progress'), accepted: () => note('accepted'),
      failed: (e) => note(`failed ${e.status_line?.status_code ?? ''}`),
    } });
    return { ok: true };
  }, { one: one.callerCallId, two: two.callerCallId, target: `sip:${carol.user}@${t.cfg.domain}` });
  check(!sent.error, sent.error);
  const outcome = await until(async () => {
    const ev = await a.evaluate(() => window.attended.events);
    return ev.find((e) => e.event === 'accepted' || /^(refused|failed)/.test(e.event)) ? ev : null;
  }, { timeoutMs: 5000, everyMs: 50 });
  check(outcome, 'Alice got no final NOTIFY within 5 s of her REFER');
  t.say(`Alice's REFER: ${outcome.map((e) => e.event).join(', ')}`);
  check(outcome.some((e) => e.event === '202') && outcome.some((e) => e.event === 'accepted'),
    `Alice's REFER with Replaces did not end in NOTIFY 200: ${JSON.stringify(outcome)}`);
  t.measure('REFER sent → NOTIFY 200 at Alice', outcome.find((e) => e.event === 'accepted').at - t0);

  // both of Alice's calls end (she hangs up, or the gateway BYEs her after 2 s)
  for (const key of [one.callerKey, two.callerKey]) {
    await a.evaluate((x) => window.e2e.hangup(x), { key }).catch(() => {}); // already BYEd by the gateway: nothing to end
  }

  // Bob and Carol hear each other on the connections they had: their media was not moved. Bob, whom
  // Alice had held, gets one re-INVITE on his own leg to take him off hold (sendrecv, the same ICE
  // credentials and DTLS fingerprint); Carol gets none
  const heard = await until(async () => {
    const [hb, hc] = await Promise.all([tone(b, one.calleeKey), tone(c, two.calleeKey)]);
    return Math.abs(hb.hz - carol.tone) <= 30 && Math.abs(hc.hz - bob.tone) <= 30 ? { hb, hc } : null;
  }, { timeoutMs: 5000, everyMs: 100 });
  check(heard, 'Bob and Carol do not hear each other within 5 s of the transfer');
  t.measure('REFER sent → Bob and Carol hear each other', Date.now() - t0);
  await checkAudio(t, 'after the transfer', [
    { page: b, key: one.calleeKey, who: 'Bob (SIP.js)', hears: carol.tone },
    { page: c, key: two.calleeKey, who: 'Carol (SIP.js)', hears: bob.tone },
  ]);
  const invitesTo = (label, frames) => frames.filter((f) => f.label === label && f.dir === 'in' && /^INVITE /.test(f.payload));
  const toCarol = invitesTo('sipjs-1003', t.frames.slice(framesBefore));
  check(!toCarol.length, `the gateway re-INVITEd Carol:\n${toCarol.map((f) => f.payload).join('\n')}`);
  const toBob = invitesTo('sipjs-1002', t.frames.slice(framesBefore));
  check(toBob.length === 1, `Bob got ${toBob.length} re-INVITEs after the transfer, not the one that takes him off hold`);
  const line = (sdp, re) => (re.exec(sdp) || [])[0];
  const first = invitesTo('sipjs-1002', t.frames)[0].payload;
  const resume = toBob[0].payload;
  check(!/^a=(sendonly|recvonly|inactive)/m.test(resume), `Bob's re-INVITE is not sendrecv:\n${resume}`);
  for (const re of [/^a=ice-ufrag:.*$/m, /^a=fingerprint:.*$/m, /^m=audio \d+/m]) {
    check(line(resume, re) && line(resume, re) === line(first, re),
      `Bob's re-INVITE changed ${re}: ${line(first, re)} → ${line(resume, re)}`);
  }
  t.say(`Bob's resume re-INVITE keeps ${line(resume, /^m=audio \d+/m)}, ${line(resume, /^a=ice-ufrag:.*$/m)}`);
  for (const [page, key, who] of [[b, one.calleeKey, 'Bob'], [c, two.calleeKey, 'Carol']]) {
    const st = await page.evaluate((x) => window.e2e.callState(x), { key });
    check(st.pc?.connection === 'connected', `${who}'s peer connection is ${st.pc?.connection} after the transfer`);
    check(!st.events.some((e) => e.event === 'bye'), `${who} got a BYE in the transfer`);
  }

  // Bob hangs up: the BYE reaches Carol
  await b.evaluate((x) => window.e2e.hangup(x), { key: one.calleeKey });
  const bye = await c.evaluate((x) => window.e2e.waitCall(x), { key: two.calleeKey, events: ['bye'], timeoutMs: 3000 });
  check(bye.event === 'bye', `Carol got no BYE when Bob hung up (${bye.event})`);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' },
    { page: c, lib: 'sipjs', id: 'carol' }]);
}, { timeoutMs: 60000 });
