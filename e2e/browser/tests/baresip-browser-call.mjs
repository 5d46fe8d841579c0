// A browser calls a real SIP phone through the gateway's media bridge: JsSIP (demo 1001, WSS, in
// Chromium whose fake microphone plays 440 Hz) calls baresip 1002 (tenant "baresip", UDP, plain
// RTP/AVP on 127.0.0.1) which sends 1 kHz. The gateway answers the browser with WebRTC SDP
// (ICE-Lite, DTLS-SRTP, rtcp-mux, BUNDLE) and offers baresip G.711. Checked: the answer's shape,
// the peer connection connects (ICE + DTLS with the gateway), the browser's inbound RTP carries
// 1 kHz, baresip's recording carries 440 Hz, tabphone:calls shows the call, the browser's BYE
// ends it. BARESIP_CODEC=pcma limits baresip to PCMA: the gateway then transcodes PCMU↔PCMA.
// Needs tenant "baresip" (e2e/baresip/tenant.sh add).
import { runBrowserTest, check } from '../lib/harness.mjs';
import { startBaresip, baresipTenant, clearBindings } from '../lib/baresip.mjs';
import { toneMatches } from '../lib/audio.mjs';
import { fakeCaptureWav, checkRemoteTones } from '../lib/media.mjs';
import { gatewayCalls, gatewayMedia } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const phone = { user: '1002', tone: 1000 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let b = null;

check(await clearBindings({ user: phone.user }) === 200, `could not clear the bindings of ${phone.user}@${baresipTenant.domain}`);
const wav = await fakeCaptureWav(alice.tone);

await runBrowserTest('baresip-browser-call', async (t) => {
  const codec = process.env.BARESIP_CODEC || 'pcmu';
  b = await startBaresip({ name: `browser-1002-${codec}`, user: phone.user, tone: phone.tone, codec });
  const a = await t.openPage('jssip-1001');
  const ra = await a.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'alice', server: t.cfg.wss, uri: `sip:${alice.user}@${t.cfg.domain}`, password: alice.password });
  check(ra.event === 'registered', `JsSIP 1001 got ${ra.event}, not registered`);
  await b.waitRegistered();
  t.say(`baresip ${b.aor} registered from 127.0.0.1:${b.opts.sipPort}, plain RTP, ${codec.toUpperCase()} only`);
  const before = await gatewayCalls();
  check(before.live === 0, `tabphone:calls shows ${before.live} live calls before the test:\n${before.text}`);

  const key = 'to-baresip';
  const t0 = Date.now();
  // on the PCMA run the browser offers only PCMU (Chrome would offer PCMA too, and get it): the
  // gateway must transcode between its PCMU leg and baresip's PCMA leg
  await a.evaluate((x) => window.e2e.jssipCall(x), { id: 'alice', key, target: `sip:${phone.user}@${baresipTenant.domain}`,
    tone: 'mic', codecs: codec === 'pcma' ? ['PCMU'] : null });
  const conf = await a.evaluate((x) => window.e2e.waitCall(x), { key, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
  check(conf.event === 'confirmed', `JsSIP got ${conf.event} ${conf.cause || ''} ${conf.status || ''}, not confirmed; baresip said:\n${b.logTail(30)}`);
  const up = await b.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 3000 });
  check(up, `baresip never got CALL_ESTABLISHED:\n${b.logTail(30)}`);
  t.measure('JsSIP call → confirmed', conf.at - t0);
  const sdp = await a.evaluate((x) => window.e2e.callSdp(x), { key });
  t.note(`the gateway's answer as the browser got it:\n${sdp.remote}`);
  const mline = /^m=audio \d+ (\S+) (.*)$/m.exec(sdp.remote || '');
  check(mline && mline[1] === 'UDP/TLS/RTP/SAVPF', `the gateway answered ${mline?.[1]}, not UDP/TLS/RTP/SAVPF`);
  check(/^a=ice-lite/m.test(sdp.remote), 'no a=ice-lite in the gateway\'s answer');
  check(/^a=fingerprint:sha-256 /mi.test(sdp.remote) && /^a=ice-ufrag:/m.test(sdp.remote), 'the gateway\'s answer has no sha-256 fingerprint or no ICE credentials');
  check(/^a=group:BUNDLE \S+/m.test(sdp.remote) && /^a=mid:/m.test(sdp.remote), 'the gateway\'s answer has no BUNDLE group or mid');
  check(/^a=rtcp-mux/m.test(sdp.remote) && /^a=setup:(passive|active)/m.test(sdp.remote), 'no rtcp-mux or no passive/active setup');
  check(/^a=rtpmap:0 PCMU\/8000/m.test(sdp.remote), 'the browser was not answered PCMU (its G.711 law)');
  t.say(`the gateway answered ${mline[1]} ${mline[2]}, setup ${/^a=setup:(\S+)/m.exec(sdp.remote)?.[1]}, ice-lite, rtcp-mux, BUNDLE`);
  const pc = await a.evaluate((x) => window.e2e.waitCall(x), { key, events: ['pc:connected', 'pc:failed'], timeoutMs: 8000 });
  check(pc.event === 'pc:connected', `the browser's RTCPeerConnection reached ${pc.event}, not connected (ICE/DTLS with the gateway)`);
  t.measure('JsSIP call → RTCPeerConnection connected (ICE-Lite + DTLS with the gateway)', pc.at - t0);

  const media = await gatewayMedia();
  t.note(`tabphone:media while the call runs:\n${media.text}`);
  const legs = Object.fromEntries(media.rows.map((r) => [r.leg.startsWith('callee') ? 'callee' : r.leg, r]));
  check(legs.caller?.kind === 'WEBRTC' && legs.caller?.dtls === 'CONNECTED' && legs.callee?.kind === 'RTP',
    `tabphone:media does not show a WEBRTC caller leg with DTLS connected and an RTP callee leg:\n${media.text}`);
  check(legs.callee.codec === `${codec.toUpperCase()}/8000` && legs.caller.codec === 'PCMU/8000'
    && legs.caller.transcoding === String(codec === 'pcma'),
    `tabphone:media shows codecs ${legs.caller.codec} ⇄ ${legs.callee.codec} (transcoding ${legs.caller.transcoding}):\n${media.text}`);
  t.say(`tabphone:media: ${legs.caller.codec} (browser, DTLS ${legs.caller.dtls}) ⇄ ${legs.callee.codec} (baresip), transcoding ${legs.caller.transcoding}`);
  const calls = await gatewayCalls();
  const row = calls.rows.find((r) => r.callee?.includes(`${phone.user}@${baresipTenant.domain}`));
  check(calls.live === 1 && row?.state === 'ANSWERED', `tabphone:calls does not show the call ANSWERED:\n${calls.text}`);

  await checkRemoteTones(t, 'browser ← baresip', [{ page: a, key, who: 'JsSIP', hears: phone.tone }]);
  await sleep(Math.max(0, 1700 - (Date.now() - up.at)));
  const th = (await a.evaluate((x) => window.e2e.hangup(x), { key })).at;
  const closed = await b.waitEvent('CALL_CLOSED', { since: t0, timeoutMs: 5000 });
  check(closed, 'baresip did not close the call after the browser hung up');
  t.measure('JsSIP hangup → baresip closed (BYE)', closed.at - th);
  const heard = await b.heard();
  t.note(`baresip heard ${JSON.stringify(heard)}`);
  const m = toneMatches(heard, alice.tone);
  check(m.ok, `baresip heard ${m.why} (the browser's fake microphone plays ${alice.tone} Hz); recording ${heard.file}`);
  t.say(`baresip hears ${heard.hz} Hz at ${heard.db} dBFS over ${heard.seconds} s (the browser sends ${alice.tone} Hz)`);
  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls shows ${after.live} live calls after the hangup:\n${after.text}`);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }]);
}, { timeoutMs: 30000, fakeAudioWav: wav, cleanup: async () => b?.stop() });
