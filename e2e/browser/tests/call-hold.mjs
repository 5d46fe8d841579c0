// Hold and unhold through the gateway's media bridge (TESTING.md: "hold/unhold maps directions
// correctly ... and audio resumes after unhold"; "a re-INVITE toward a browser carries ICE
// credentials and candidates"). JsSIP 1001 calls SIP.js 1002 (tones 440 Hz / 1 kHz), both hear.
// JsSIP holds: its re-INVITE (a=sendonly) reaches SIP.js as the gateway's re-INVITE with
// a=sendonly, ICE credentials, candidates and the same fingerprint; JsSIP's answer says recvonly;
// while held, JsSIP gets no more RTP (the gateway sends nothing to a leg that won't receive) while
// SIP.js still receives JsSIP's RTP (silence: JsSIP mutes its microphone on hold). JsSIP unholds:
// sendrecv again, and both hear each other's tone again.
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { answerCall, checkAudio, placeCall, registerJssipAndSipjs, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const inbound = async (page, key) => (await page.evaluate((x) => window.e2e.rtpStats(x), { key }))?.inbound?.packetsReceived ?? 0;

await runBrowserTest('browser-call-hold', async (t) => {
  const { a, b } = await registerJssipAndSipjs(t, { alice, bob });

  const { callerKey, calleeKey } = await placeCall(t, 'hold', { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob',
    index: 0, target: `sip:${bob.user}@${t.cfg.domain}`, tone: alice.tone });
  await answerCall(t, 'hold', { callerPage: a, callerKey, calleePage: b, calleeKey });
  await checkAudio(t, 'before hold', [
    { page: a, key: callerKey, who: 'JsSIP', hears: bob.tone },
    { page: b, key: calleeKey, who: 'SIP.js', hears: alice.tone },
  ]);

  // hold
  const framesBefore = t.frames.length;
  await a.evaluate((x) => window.e2e.hold(x), { key: callerKey, on: true });
  const held = await a.evaluate((x) => window.e2e.waitCall(x), { key: callerKey, events: ['hold:local'], timeoutMs: 5000 });
  check(held.event === 'hold:local', 'JsSIP never reached hold (its re-INVITE was not answered 200)');
  const reinvite = await until(() => t.frames.slice(framesBefore).find((f) => f.label === 'sipjs-1002' && f.dir === 'in'
    && /^INVITE /.test(f.payload)), { timeoutMs: 3000, everyMs: 20 });
  check(reinvite, 'SIP.js got no re-INVITE from the gateway when JsSIP held');
  const sdp = reinvite.payload;
  check(/^a=sendonly/m.test(sdp), `the gateway's re-INVITE to SIP.js is not sendonly:\n${sdp}`);
  check(/^a=ice-ufrag:/m.test(sdp) && /^a=ice-pwd:/m.test(sdp) && /^a=candidate:/m.test(sdp) && /^a=fingerprint:/m.test(sdp),
    `the gateway's re-INVITE to SIP.js lacks ICE credentials, candidates or the fingerprint:\n${sdp}`);
  const ok200 = await until(() => t.frames.slice(framesBefore).find((f) => f.label === 'jssip-1001' && f.dir === 'in'
    && /^SIP\/2\.0 200 /.test(f.payload) && /^CSeq:\s*\d+ INVITE/mi.test(f.payload)), { timeoutMs: 3000, everyMs: 20 });
  check(ok200 && /^a=recvonly/m.test(ok200.payload), `JsSIP's hold was not answered recvonly:\n${ok200?.payload}`);
  t.say('hold: JsSIP sendonly → SIP.js got sendonly with ICE credentials and candidates → JsSIP answered recvonly');
  await sleep(500);
  const n1 = await inbound(a, callerKey);
  await sleep(1000);
  const n2 = await inbound(a, callerKey);
  check(n2 - n1 <= 2, `JsSIP is on hold but received ${n2 - n1} RTP packets in a second`);
  const m1 = await inbound(b, calleeKey);
  await sleep(1000);
  const m2 = await inbound(b, calleeKey);
  check(m2 - m1 > 20, `SIP.js received only ${m2 - m1} RTP packets in a second while JsSIP (sendonly) was on hold`);
  t.say(`on hold: JsSIP got ${n2 - n1} RTP packets in 1 s, SIP.js ${m2 - m1} (JsSIP's muted stream still flows)`);

  // unhold
  const tUnhold = Date.now();
  await a.evaluate((x) => window.e2e.hold(x), { key: callerKey, on: false });
  const unheld = await a.evaluate((x) => window.e2e.waitCall(x), { key: callerKey, events: ['unhold:local'], timeoutMs: 5000 });
  check(unheld.event === 'unhold:local', 'JsSIP never left hold');
  await until(async () => (await inbound(a, callerKey)) > n2 + 10, { timeoutMs: 3000, everyMs: 100 });
  // audio resumes: the far side's tone within a few seconds (Chrome's jitter buffer restarts after the muted stretch)
  const resumed = await until(async () => {
    const tone = await b.evaluate((x) => window.e2e.remoteTone(x), { key: calleeKey, ms: 500 });
    return Math.abs(tone.hz - alice.tone) <= 30 ? tone : null;
  }, { timeoutMs: 5000, everyMs: 200 });
  check(resumed, `SIP.js never heard JsSIP's ${alice.tone} Hz again within 5 s of the unhold`);
  t.measure('unhold → SIP.js hears the tone again', Date.now() - tUnhold);
  await checkAudio(t, 'after unhold', [
    { page: a, key: callerKey, who: 'JsSIP', hears: bob.tone },
    { page: b, key: calleeKey, who: 'SIP.js', hears: alice.tone },
  ]);
  await a.evaluate((x) => window.e2e.hangup(x), { key: callerKey });
  await b.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['bye'], timeoutMs: 3000 });
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
}, { timeoutMs: 40000 });
