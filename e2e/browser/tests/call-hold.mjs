// Hold and unhold through the gateway's media bridge (TESTING.md: "hold/unhold maps directions
// correctly ... and audio resumes after unhold"; "a re-INVITE toward a browser carries ICE
// credentials and candidates"). JsSIP 1001 calls SIP.js 1002 (tones 440 Hz / 1 kHz), both hear.
// JsSIP holds: its re-INVITE (a=sendonly) reaches SIP.js as the gateway's re-INVITE with
// a=sendonly, ICE credentials, candidates and the same fingerprint; JsSIP's answer says recvonly;
// while held, JsSIP gets no more RTP (the gateway sends nothing to a leg that won't receive) while
// SIP.js still receives JsSIP's RTP (silence: JsSIP mutes its microphone on hold). JsSIP unholds:
// sendrecv again, and both hear each other's tone again within a second (issue 6).
// Both pages play the remote audio all along, as a softphone's <audio> element does: Chrome pulls
// a remote track out of its jitter buffer only while something plays it, so without that the
// audio received during the hold piled up there (up to ~4 s) and was heard first after the unhold
// (getStats: totalSamplesReceived stood still, then removedSamplesForAcceleration ran up), while
// the gateway's stream toward SIP.js had no gap, jump or new SSRC at all.
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
  await a.evaluate((x) => window.e2e.playRemote(x), { key: callerKey });
  await b.evaluate((x) => window.e2e.playRemote(x), { key: calleeKey });
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
  const hearsAgain = (page, key, who, hz) => until(async () => {
    const tone = await page.evaluate((x) => window.e2e.remoteTone(x), { key, ms: 300 });
    return Math.abs(tone.hz - hz) <= 30 ? tone : null;
  }, { timeoutMs: 5000, everyMs: 50 }).then((tone) => {
    check(tone, `${who} never heard the far side's ${hz} Hz again within 5 s of the unhold`);
    const ms = Date.now() - tUnhold;
    t.measure(`unhold → ${who} hears the tone again`, ms);
    return ms;
  });
  const [jssipMs, sipjsMs] = await Promise.all([hearsAgain(a, callerKey, 'JsSIP', bob.tone),
    hearsAgain(b, calleeKey, 'SIP.js', alice.tone)]);
  check(jssipMs < 1000 && sipjsMs < 1000,
    `audio came back late after the unhold: JsSIP heard the tone after ${jssipMs} ms, SIP.js after ${sipjsMs} ms (limit 1000)`);
  check((await inbound(a, callerKey)) > n2 + 10, 'JsSIP gets no RTP again after the unhold');
  const jb = await b.evaluate((x) => window.e2e.rtpStats(x), { key: calleeKey });
  t.say(`SIP.js jitter buffer: ${Math.round(1000 * jb.inbound.jitterBufferDelay / jb.inbound.jitterBufferEmittedCount)} ms `
    + `average delay over the call, ${jb.inbound.removedSamplesForAcceleration} samples removed to catch up`);
  await checkAudio(t, 'after unhold', [
    { page: a, key: callerKey, who: 'JsSIP', hears: bob.tone },
    { page: b, key: calleeKey, who: 'SIP.js', hears: alice.tone },
  ]);
  await a.evaluate((x) => window.e2e.hangup(x), { key: callerKey });
  await b.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['bye'], timeoutMs: 3000 });
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
}, { timeoutMs: 40000 });
