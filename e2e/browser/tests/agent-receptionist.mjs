// The demo receptionist on number 800 (bundle org.tabphone.agent): JsSIP "Bob" (1002, fake
// microphone 440 Hz) calls sip:800@demo.tabphone.test; SIP.js "Alice" (1001, 1 kHz) is registered,
// Carol (1003) is not. Checked, on the wire and in the audio: Bob's call is answered (confirmed);
// Bob hears the greeting — the remote level rises from silence to speech within 6 s of the answer
// and the spoken menu lasts several seconds; tabphone:agents shows the call (caller 1002, number
// 800). Bob presses 3 (RFC 4733 events): the transfer to Carol fails, Bob's call stays up (no
// BYE, no re-INVITE), the agent still has it, and Bob hears speech again for most of the next
// seconds ("Transferring you to Carol. Sorry, Carol is not available." and the menu; the
// "Transferring" sentence alone is under 2 s). Bob presses 1: Alice rings with Bob (1002) as
// the caller and answers; Bob's call never ends or restarts; the agent's call is gone
// (tabphone:agents 0); tabphone:media shows Bob's and Alice's WebRTC legs only; each hears the
// other's tone; Bob's BYE reaches Alice and tabphone:calls has no live call. Measured: answer
// time, answer → greeting heard, DTMF → prompt heard, DTMF '1' → Alice rings.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { gatewayAgents } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';
import { fakeCaptureWav } from '../lib/media.mjs';
import { LOUD_DB, bobCallsAndListens, checkCallerUntouched, checkTransferredCall, colleagueAnswers, registerAliceAndBob } from '../lib/agents.mjs';

const domain = 'demo.tabphone.test';
const alice = { user: '1001', password: 'demo1001', tone: 1000 };
const bob = { user: '1002', password: 'demo1002', tone: 440 };
const wav = await fakeCaptureWav(bob.tone);

await runBrowserTest('agent-receptionist', async (t) => {
  const { a, b } = await registerAliceAndBob(t, { domain, alice, bob });

  // ---- the call: answered, greeting heard
  const key = 'bob-to-800';
  const conf = await bobCallsAndListens(b, { key, number: '800', domain });
  const ev = (await b.evaluate((x) => window.e2e.callState(x), { key })).events;
  const sending = ev.find((e) => e.event === 'sending');
  const accepted = ev.find((e) => e.event === 'accepted');
  check(accepted?.status === 200, `Bob's call confirmed without a 200: ${JSON.stringify(ev)}`);
  t.measure('Bob INVITE sent → 200 from the receptionist', accepted.at - sending.at);
  const greet = await b.evaluate((x) => window.e2e.remoteLevels(x), { key, ms: 6000, stop: { loud: LOUD_DB } });
  check(!greet.error, `Bob: ${greet.error}`);
  t.note(`greeting levels ${JSON.stringify(greet.levels)}`);
  check(greet.stoppedBy === 'loud', `Bob heard no greeting within 6 s of the answer: loudest ${greet.maxDb} dBFS (speech ≥ ${LOUD_DB})`);
  const leadIn = Math.min(...greet.levels.map((l) => l.db));
  t.measure(`Bob's call confirmed → greeting heard (level from ${leadIn} to ≥ ${LOUD_DB} dBFS)`, greet.firstLoudAt - conf.at);
  const agents = await gatewayAgents();
  t.note(`tabphone:agents with Bob on the line:\n${agents.text}`);
  check(agents.count === 1 && agents.calls[0]?.caller === bob.user && agents.calls[0]?.number === '800',
    `tabphone:agents should show Bob's call to 800:\n${agents.text}`);
  t.say(`tabphone:agents: 1 agent call (${agents.calls[0].agent}, caller ${agents.calls[0].caller}, RTP ${agents.calls[0]['rtp in/out']})`);

  // the whole greeting and menu, to its end (a pause longer than any between its sentences)
  const rest = await b.evaluate((x) => window.e2e.remoteLevels(x), { key, ms: 25000, stop: { quiet: LOUD_DB, forMs: 1200 } });
  check(rest.stoppedBy === 'quiet', `the greeting never ended within 25 s (last loud ${rest.lastLoudAt && Math.round(rest.lastLoudAt - greet.firstLoudAt)} ms in)`);
  const greetingMs = rest.lastLoudAt - greet.firstLoudAt;
  check(greetingMs > 5000, `the greeting and menu lasted ${Math.round(greetingMs)} ms: too short for the spoken menu`);
  t.measure('greeting and menu spoken', greetingMs);

  // ---- 3: Carol is not registered, the transfer fails, Bob stays with the receptionist
  const d3 = await b.evaluate((x) => window.e2e.dtmf(x), { key, tones: '3' });
  check(!d3.error, `Bob cannot send DTMF: ${d3.error}`);
  const tone3 = await b.evaluate((x) => window.e2e.waitCall(x), { key, events: ['dtmf:3'], timeoutMs: 2000 });
  check(tone3.event === 'dtmf:3', 'Bob\'s RTCDTMFSender never played 3');
  const sorry = await b.evaluate((x) => window.e2e.remoteLevels(x), { key, ms: 7000 });
  t.note(`after 3: levels ${JSON.stringify(sorry.levels)}`);
  check(sorry.firstLoudAt, 'Bob heard nothing within 7 s of pressing 3');
  t.measure('DTMF 3 → Bob hears the receptionist again', sorry.firstLoudAt - tone3.at);
  check(sorry.loudMs >= 3500,
    `after 3 Bob heard speech for ${sorry.loudMs} ms of 7 s: no "not available" prompt and menu after "Transferring you to Carol"`);
  t.say(`after 3: Bob hears speech for ${sorry.loudMs} ms of the next 7 s ("Transferring you to Carol. Sorry, Carol is not available." and the menu)`);
  await checkCallerUntouched('after 3', b, key);
  const still = await gatewayAgents();
  check(still.count === 1 && still.calls[0]?.caller === bob.user && !still.calls[0]?.transfer,
    `after the failed transfer the receptionist should still have Bob, no transfer under way:\n${still.text}`);
  t.say('after 3: Bob\'s call is up, tabphone:agents still shows it (no transfer under way)');

  // ---- 1: Alice rings, answers; the receptionist leaves
  await b.evaluate((x) => window.e2e.dtmf(x), { key, tones: '1' });
  const tone1 = await b.evaluate((x) => window.e2e.waitCall(x), { key, events: ['dtmf:1'], timeoutMs: 2000 });
  check(tone1.event === 'dtmf:1', 'Bob\'s RTCDTMFSender never played 1');
  const al = await colleagueAnswers(t, 'after 1', { page: a, id: 'alice', index: 0, callerUser: bob.user });
  t.measure('DTMF 1 → Alice rings', al.invite.at - tone1.at);
  t.measure('DTMF 1 → Alice established', al.established.at - tone1.at);
  await checkTransferredCall(t, {
    caller: { page: b, key, who: 'Bob', tone: bob.tone },
    colleague: { page: a, key: al.key, who: 'Alice', tone: alice.tone, pageLabel: 'sipjs-1001', callId: al.invite.callId },
  });
  await unregisterAll(t, [{ page: a, lib: 'sipjs', id: 'alice' }, { page: b, lib: 'jssip', id: 'bob' }]);
}, { timeoutMs: 90000, fakeAudioWav: wav });
