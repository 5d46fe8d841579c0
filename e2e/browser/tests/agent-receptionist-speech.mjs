// The demo receptionist on 800 by voice (bundle org.tabphone.agent, NameRecognizer): JsSIP "Bob"
// (1002) calls it with a fake microphone that plays 2 s of silence, espeak-ng saying "Alice"
// twice (1.5 s apart), then 440 Hz (e2e/agent/say-then-tone.sh). He presses no key. Checked: the
// receptionist recognises the name (pocketsphinx) and transfers Bob — SIP.js "Alice" (1001, 1 kHz)
// rings with Bob as the caller and answers; the agent's call is gone, Bob's and Alice's WebRTC
// legs only, each hears the other's tone (Bob's microphone has reached its tone by then), Bob's
// BYE reaches Alice. Measured: Bob's call confirmed → Alice rings (the word is said 2 s into the
// call: end-pointing, recognition and the REFER make the rest).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBrowserTest, check } from '../lib/harness.mjs';
import { unregisterAll } from '../lib/calls.mjs';
import { bobCallsAndListens, checkTransferredCall, colleagueAnswers, registerAliceAndBob } from '../lib/agents.mjs';

const domain = 'demo.tabphone.test';
const alice = { user: '1001', password: 'demo1001', tone: 1000 };
const bob = { user: '1002', password: 'demo1002', tone: 440 };
const e2e = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wav = join(process.env.E2E_OUT || join(e2e, 'target'), 'audio', 'say-alice-then-440.wav');
execFileSync(join(e2e, 'agent', 'say-then-tone.sh'), [wav, 'Alice', String(bob.tone), '130', '2', '2', '30']);
/** When Bob's microphone has said the name twice and plays its tone (2 s + 2 × (word + 1.5 s)). */
const TONE_FROM_MS = 7000;

await runBrowserTest('agent-receptionist-speech', async (t) => {
  const { a, b } = await registerAliceAndBob(t, { domain, alice, bob });
  const key = 'bob-to-800';
  const placed = Date.now();
  const conf = await bobCallsAndListens(b, { key, number: '800', domain });
  const al = await colleagueAnswers(t, 'Bob says "Alice"', { page: a, id: 'alice', index: 0, callerUser: bob.user, timeoutMs: 15000 });
  t.measure('Bob\'s call confirmed → Alice rings (no key pressed)', al.invite.at - conf.at);
  const dtmf = (await b.evaluate((x) => window.e2e.callState(x), { key })).events.filter((e) => e.event.startsWith('dtmf'));
  check(!dtmf.length, `Bob sent DTMF: ${JSON.stringify(dtmf)}`);
  const wait = TONE_FROM_MS - (Date.now() - placed);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));   // Bob's microphone plays its tone from here
  await checkTransferredCall(t, {
    caller: { page: b, key, who: 'Bob', tone: bob.tone },
    colleague: { page: a, key: al.key, who: 'Alice', tone: alice.tone, pageLabel: 'sipjs-1001', callId: al.invite.callId },
  });
  await unregisterAll(t, [{ page: a, lib: 'sipjs', id: 'alice' }, { page: b, lib: 'jssip', id: 'bob' }]);
}, { timeoutMs: 60000, fakeAudioWav: wav });
