// Audio both ways between two browsers, from their (fake) microphones: two Chromium processes,
// each with its own --use-file-for-fake-audio-capture tone (the flag is per process: 440 Hz for
// JsSIP 1001, 1 kHz for SIP.js 1002). JsSIP calls SIP.js through the gateway (SDP passed
// through, ICE between the two), both take getUserMedia audio with processing off, and each
// side's inbound-rtp counters grow and its remote stream's dominant tone is the other's file.
// (browser-call proves the same with WebAudio oscillators; this proves the capture path the
// media tests will use.)
import { runBrowserTest, check } from '../lib/harness.mjs';
import { gatewayCalls } from '../lib/karaf.mjs';
import { answerCall, placeCall, unregisterAll } from '../lib/calls.mjs';
import { fakeCaptureWav, checkRemoteTones } from '../lib/media.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };
const [wavA, wavB] = await Promise.all([fakeCaptureWav(alice.tone), fakeCaptureWav(bob.tone)]);

await runBrowserTest('browser-call-audio', async (t) => {
  const a = await t.openPage('jssip-1001');                    // this process plays 440 Hz
  const second = await t.launchBrowser({ fakeAudioWav: wavB }); // this one 1 kHz
  const b = await second.openPage('sipjs-1002');
  const ra = await a.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'alice', server: t.cfg.wss, uri: `sip:${alice.user}@${t.cfg.domain}`, password: alice.password });
  check(ra.event === 'registered', `JsSIP 1001 got ${ra.event}, not registered`);
  const rb = await b.evaluate((x) => window.e2e.sipjsRegister(x),
    { id: 'bob', server: t.cfg.wss, aor: `sip:${bob.user}@${t.cfg.domain}`, username: bob.user, password: bob.password,
      call: { tone: 'mic' } });
  check(rb.event === 'Registered', `SIP.js 1002 got ${rb.event}, not Registered`);
  const before = await gatewayCalls();
  check(before.live === 0, `tabphone:calls shows ${before.live} live calls before the test:\n${before.text}`);

  const label = 'call';
  const { callerKey, calleeKey } = await placeCall(t, label, { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob',
    index: 0, target: `sip:${bob.user}@${t.cfg.domain}`, tone: 'mic' });
  await answerCall(t, label, { callerPage: a, callerKey, calleePage: b, calleeKey });
  const up = await gatewayCalls();
  check(up.live === 1 && up.rows.some((r) => r.callee?.includes(`${bob.user}@`) && r.state === 'ANSWERED'),
    `tabphone:calls does not show the call ANSWERED:\n${up.text}`);
  await checkRemoteTones(t, label, [
    { page: a, key: callerKey, who: 'JsSIP (440 Hz microphone)', hears: bob.tone },
    { page: b, key: calleeKey, who: 'SIP.js (1 kHz microphone)', hears: alice.tone },
  ]);
  const h = await a.evaluate((x) => window.e2e.hangup(x), { key: callerKey });
  const bye = await b.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['bye'], timeoutMs: 5000 });
  check(bye.event === 'bye', `SIP.js got no BYE after JsSIP hung up`);
  t.measure(`${label}: JsSIP hangup → SIP.js onBye`, bye.at - h.at);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
}, { timeoutMs: 30000, fakeAudioWav: wavA });
