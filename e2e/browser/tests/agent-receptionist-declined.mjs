// The demo receptionist when the colleague declines: JsSIP "Bob" (1002, fake microphone 440 Hz)
// calls 800 and presses 1 during the greeting; SIP.js "Alice" (1001, 1 kHz) rings with Bob as the
// caller and rejects it with 486 Busy Here. Checked: Bob's call stays up (no BYE, no re-INVITE),
// the receptionist still has it with no transfer under way, and Bob hears speech for most of the
// next 7 s ("Sorry, Alice is not available." and the menu; what was left of "Transferring you to
// Alice." is under 2 s). Bob presses 1 again: Alice rings a second time and answers; the
// receptionist leaves; each hears the other's tone; Bob's BYE reaches Alice; no call is left.
// Measured: DTMF → Alice rings, Alice's 486 → Bob hears the receptionist again.
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { gatewayAgents } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';
import { fakeCaptureWav } from '../lib/media.mjs';
import { LOUD_DB, bobCallsAndListens, checkCallerUntouched, checkTransferredCall, colleagueAnswers, registerAliceAndBob } from '../lib/agents.mjs';

const domain = 'demo.tabphone.test';
const alice = { user: '1001', password: 'demo1001', tone: 1000 };
const bob = { user: '1002', password: 'demo1002', tone: 440 };
const wav = await fakeCaptureWav(bob.tone);

await runBrowserTest('agent-receptionist-declined', async (t) => {
  const { a, b } = await registerAliceAndBob(t, { domain, alice, bob });

  const key = 'bob-to-800';
  const conf = await bobCallsAndListens(b, { key, number: '800', domain });
  const greet = await b.evaluate((x) => window.e2e.remoteLevels(x), { key, ms: 6000, stop: { loud: LOUD_DB } });
  check(greet.stoppedBy === 'loud', `Bob heard no greeting within 6 s of the answer: ${greet.error || `loudest ${greet.maxDb} dBFS`}`);
  t.measure('Bob\'s call confirmed → greeting heard', greet.firstLoudAt - conf.at);

  // ---- 1 during the greeting: Alice rings and declines
  const d1 = await b.evaluate((x) => window.e2e.dtmf(x), { key, tones: '1' });
  check(!d1.error, `Bob cannot send DTMF: ${d1.error}`);
  const tone1 = await b.evaluate((x) => window.e2e.waitCall(x), { key, events: ['dtmf:1'], timeoutMs: 2000 });
  check(tone1.event === 'dtmf:1', 'Bob\'s RTCDTMFSender never played 1');
  const inc = await a.evaluate((x) => window.e2e.waitIncoming(x), { id: 'alice', index: 0, timeoutMs: 8000 });
  check(inc.key, 'Alice never rang after Bob pressed 1');
  const invite = inc.events.find((e) => e.event === 'invite');
  check(/^sip:1002@/.test(invite.from), `Alice's INVITE is not from Bob: From ${invite.from}`);
  t.measure('DTMF 1 → Alice rings', invite.at - tone1.at);
  const busy = await until(async () => { const g = await gatewayAgents(); return g.calls[0]?.transfer ? g : null; }, { timeoutMs: 2000, everyMs: 100 });
  check(busy, `tabphone:agents shows no transfer under way while Alice rings:\n${(await gatewayAgents()).text}`);
  t.say(`while Alice rings, tabphone:agents: transfer "${busy.calls[0].transfer}"`);
  const rej = await a.evaluate((x) => window.e2e.sipjsReject(x), { key: inc.key, statusCode: 486 });
  const sorry = await b.evaluate((x) => window.e2e.remoteLevels(x), { key, ms: 7000 });
  t.note(`after the 486: levels ${JSON.stringify(sorry.levels)}`);
  check(sorry.loudMs >= 3500,
    `after Alice's 486 Bob heard speech for ${sorry.loudMs} ms of 7 s: no "not available" prompt and menu`);
  const resumed = sorry.levels.find((l, i) => i > 0 && l.db >= LOUD_DB && sorry.levels[i - 1].db < LOUD_DB);
  if (resumed) t.measure('Alice\'s 486 → Bob hears the receptionist start again', resumed.at - rej.at);
  t.say(`after the 486: Bob hears speech for ${sorry.loudMs} ms of the next 7 s`);
  await checkCallerUntouched('after the 486', b, key);
  const still = await gatewayAgents();
  check(still.count === 1 && still.calls[0]?.caller === bob.user && !still.calls[0]?.transfer,
    `after the declined transfer the receptionist should still have Bob, no transfer under way:\n${still.text}`);
  t.say('after the 486: Bob\'s call is up, tabphone:agents still shows it (no transfer under way)');

  // ---- 1 again: Alice answers this time
  const d1b = await b.evaluate((x) => window.e2e.dtmf(x), { key, tones: '1' });
  const al = await colleagueAnswers(t, 'after 1 again', { page: a, id: 'alice', index: 1, callerUser: bob.user });
  t.measure('DTMF 1 again → Alice rings', al.invite.at - d1b.at);
  await checkTransferredCall(t, {
    caller: { page: b, key, who: 'Bob', tone: bob.tone },
    colleague: { page: a, key: al.key, who: 'Alice', tone: alice.tone, pageLabel: 'sipjs-1001', callId: al.invite.callId },
  });
  await unregisterAll(t, [{ page: a, lib: 'sipjs', id: 'alice' }, { page: b, lib: 'jssip', id: 'bob' }]);
}, { timeoutMs: 60000, fakeAudioWav: wav });
