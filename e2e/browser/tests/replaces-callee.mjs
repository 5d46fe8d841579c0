// An INVITE with Replaces for the callee's leg (RFC 3891 §3) with a browser caller, run by
// e2e/tests/replaces-callee.sh: JsSIP 1001 (Alice, 440 Hz) calls SIP.js 1002 (Bob), who holds her;
// SIP.js 1003 (Carol, 600 Hz, a third tab) sends the gateway an INVITE with Replaces naming the
// gateway's leg toward Bob — what Bob's phone would have her do in an attended transfer of its
// own. Carol gets 200 and a leg of the call's media session, Bob a BYE; Alice keeps her leg —
// ICE, DTLS, port — and gets exactly one re-INVITE, the one that takes her off hold (sendrecv, on
// the port she always used). Alice and Carol hear each other's tone; Carol hangs up and Alice gets
// the BYE. The page helpers place calls from JsSIP only, so Carol's INVITE is SIP.js on her page.
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { answerCall, checkAudio, placeCall, registerJssipAndSipjs, sipjsRegister, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };
const carol = { user: '1003', password: 'demo1003', tone: 600 };
const header = (payload, name) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'mi').exec(payload)?.[1].trim();
const tagOf = (value) => /;\s*tag=([^;>\s]+)/i.exec(value || '')?.[1];
const mediaPort = (payload) => /^m=audio (\d+) /m.exec(payload)?.[1];

await runBrowserTest('replaces-callee', async (t) => {
  const { a, b } = await registerJssipAndSipjs(t, { alice, bob });
  const c = await t.openPage('sipjs-1003');
  await sipjsRegister(t, c, 'carol', carol);

  const one = await placeCall(t, 'one', { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob',
    index: 0, target: `sip:${bob.user}@${t.cfg.domain}`, tone: alice.tone });
  await answerCall(t, 'one', { callerPage: a, callerKey: one.callerKey, calleePage: b, calleeKey: one.calleeKey });
  const held = await b.evaluate(async ({ callId }) => {
    const s = Object.values(window.e2e.ua('bob')._sessions).find((x) => x.request?.callId === callId);
    if (!s) return { error: `Bob's session ${callId} not found` };
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

  // the gateway's leg toward Bob as the gateway sees it: Call-ID, its tag (From of the INVITE Bob got), Bob's tag
  const toBob = t.frames.find((f) => f.label === 'sipjs-1002' && f.dir === 'in' && /^INVITE /.test(f.payload)
    && header(f.payload, '(?:Call-ID|i)') === one.calleeCallId);
  const bobOk = t.frames.find((f) => f.label === 'sipjs-1002' && f.dir === 'out' && /^SIP\/2\.0 200 /.test(f.payload)
    && /^CSeq:\s*\d+ INVITE/mi.test(f.payload) && header(f.payload, '(?:Call-ID|i)') === one.calleeCallId);
  check(toBob && bobOk, 'the INVITE Bob got or his 200 is not in the frames');
  const replaces = `${one.calleeCallId};to-tag=${tagOf(header(toBob.payload, '(?:From|f)'))};from-tag=${tagOf(header(bobOk.payload, '(?:To|t)'))}`;
  const aliceOk = t.frames.find((f) => f.label === 'jssip-1001' && f.dir === 'in' && /^SIP\/2\.0 200 /.test(f.payload)
    && /^CSeq:\s*\d+ INVITE/mi.test(f.payload) && header(f.payload, '(?:Call-ID|i)') === one.callerCallId);
  check(aliceOk, 'the 200 Alice got is not in the frames');
  const alicePort = mediaPort(aliceOk.payload);

  const framesBefore = t.frames.length;
  const t0 = Date.now();
  const sent = await c.evaluate(async ({ target, replaces }) => {
    const SIP = window.SIP;
    const inviter = new SIP.Inviter(window.e2e.ua('carol'), SIP.UserAgent.makeURI(target), {
      extraHeaders: [`Replaces: ${replaces}`],
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    window.replacing = { inviter, events: [] };
    inviter.stateChange.addListener((st) => window.replacing.events.push({ event: st, at: Date.now() }));
    inviter.delegate = { onBye: (bye) => { window.replacing.events.push({ event: 'bye', at: Date.now() }); bye.accept(); } };
    try {
      await inviter.invite();
    } catch (e) {
      return { error: String(e) };
    }
    return { ok: true };
  }, { target: `sip:${bob.user}@${t.cfg.domain}`, replaces });
  check(!sent.error, sent.error);
  const up = await until(() => c.evaluate(() => window.replacing.inviter.state === 'Established'), { timeoutMs: 8000, everyMs: 50 });
  check(up, `Carol's INVITE with Replaces was not answered within 8 s: ${JSON.stringify(await c.evaluate(() => window.replacing.events))}`);
  t.measure('INVITE with Replaces sent → Carol established', Date.now() - t0);
  const bye = await b.evaluate((x) => window.e2e.waitCall(x), { key: one.calleeKey, events: ['bye'], timeoutMs: 3000 });
  check(bye.event === 'bye', `Bob's replaced leg got no BYE (${bye.event})`);

  const heard = await until(async () => {
    const ha = await a.evaluate((x) => window.e2e.remoteTone(x), { key: one.callerKey, ms: 400 });
    return Math.abs(ha.hz - carol.tone) <= 30 ? ha : null;
  }, { timeoutMs: 5000, everyMs: 100 });
  check(heard, 'Alice does not hear Carol within 5 s of the INVITE with Replaces');
  t.measure('INVITE with Replaces sent → Alice hears Carol', Date.now() - t0);
  await checkAudio(t, 'after the replacement', [{ page: a, key: one.callerKey, who: 'Alice (JsSIP)', hears: carol.tone }]);
  // Carol's session is not one of the page helpers' calls: her remote track is analysed here
  const carolHears = await c.evaluate(async () => {
    const pc = window.replacing.inviter.sessionDescriptionHandler?.peerConnection;
    const tracks = (pc ? pc.getReceivers() : []).map((r) => r.track).filter((x) => x && x.kind === 'audio');
    if (!tracks.length) return { error: 'no remote audio track', connection: pc?.connectionState };
    const stream = new MediaStream(tracks);
    const el = new Audio();   // Chromium feeds a remote track to WebAudio only while it plays somewhere
    el.muted = true;
    el.srcObject = stream;
    el.play().catch(() => {});
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    ctx.createMediaStreamSource(stream).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const peaks = [];
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 100));
      analyser.getFloatFrequencyData(bins);
      let best = 0;
      for (let k = 1; k < bins.length; k++) if (bins[k] > bins[best]) best = k;
      peaks.push(Math.round(best * ctx.sampleRate / analyser.fftSize));
      if (peaks.length >= 5 && peaks.slice(-3).every((p) => Math.abs(p - 440) <= 30)) break;
    }
    el.srcObject = null;
    ctx.close();
    return { hz: peaks[peaks.length - 1], peaks, connection: pc.connectionState };
  });
  t.say(`after the replacement: Carol (SIP.js) hears ${carolHears.hz} Hz (Alice sends ${alice.tone} Hz), peaks ${JSON.stringify(carolHears.peaks)}`);
  check(!carolHears.error, `Carol: ${carolHears.error}`);
  check(carolHears.connection === 'connected', `Carol's peer connection is ${carolHears.connection}`);
  check(Math.abs(carolHears.hz - alice.tone) <= 30, `Carol hears ${carolHears.hz} Hz, not Alice's ${alice.tone} Hz`);

  const toAlice = t.frames.slice(framesBefore).filter((f) => f.label === 'jssip-1001' && f.dir === 'in' && /^INVITE /.test(f.payload));
  check(toAlice.length === 1, `Alice got ${toAlice.length} re-INVITEs after the replacement, not the one that takes her off hold`);
  check(!/^a=(sendonly|recvonly|inactive)/m.test(toAlice[0].payload), `Alice's re-INVITE is not sendrecv:\n${toAlice[0].payload}`);
  check(mediaPort(toAlice[0].payload) === alicePort, `Alice's re-INVITE moves her media: port ${mediaPort(toAlice[0].payload)}, was ${alicePort}`);
  const st = await a.evaluate((x) => window.e2e.callState(x), { key: one.callerKey });
  check(st.pc?.connection === 'connected', `Alice's peer connection is ${st.pc?.connection} after the replacement`);
  check(!st.events.some((e) => e.event === 'ended' || e.event === 'failed'), 'Alice\'s call ended in the replacement');

  // Carol hangs up: the BYE reaches Alice
  await c.evaluate(() => window.replacing.inviter.bye());
  const ended = await a.evaluate((x) => window.e2e.waitCall(x), { key: one.callerKey, events: ['ended'], timeoutMs: 3000 });
  check(ended.event === 'ended', `Alice's call did not end when Carol hung up (${ended.event})`);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' },
    { page: c, lib: 'sipjs', id: 'carol' }]);
}, { timeoutMs: 60000 });
