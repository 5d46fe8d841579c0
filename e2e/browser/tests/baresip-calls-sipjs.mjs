// An office phone calls a browser through the gateway's media bridge (issue 6 "… and with
// SIP.js"): baresip 1002 (tenant "baresip", UDP, plain RTP, 1 kHz; BARESIP_CODEC=pcma limits it
// to PCMA) dials SIP.js 1001 (same tenant, WSS, 440 Hz). The gateway offers SIP.js WebRTC SDP
// (it answers setup:active, so the gateway is the DTLS server of an offer it made with actpass),
// SIP.js answers, and each side hears the other. Checked: SIP.js's remote SDP (the gateway's
// offer) has a=ice-lite, actpass, BUNDLE and our SSRC; tabphone:media shows the legs and the
// codecs; tones both ways; baresip's hangup reaches SIP.js as BYE. Needs tenant "baresip".
import { runBrowserTest, check } from '../lib/harness.mjs';
import { startBaresip, baresipTenant, clearBindings } from '../lib/baresip.mjs';
import { toneMatches } from '../lib/audio.mjs';
import { checkRemoteTones } from '../lib/media.mjs';
import { gatewayMedia } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'pw1001', tone: 440 };
const phone = { user: '1002', tone: 1000 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let b = null;

check(await clearBindings({ user: alice.user }) === 200, `could not clear the bindings of ${alice.user}@${baresipTenant.domain}`);
check(await clearBindings({ user: phone.user }) === 200, `could not clear the bindings of ${phone.user}@${baresipTenant.domain}`);

await runBrowserTest('baresip-calls-sipjs', async (t) => {
  const codec = process.env.BARESIP_CODEC || 'pcmu';
  b = await startBaresip({ name: `calls-sipjs-${codec}`, user: phone.user, tone: phone.tone, codec });
  const a = await t.openPage('sipjs-1001');
  const ra = await a.evaluate((x) => window.e2e.sipjsRegister(x),
    { id: 'alice', server: t.cfg.wss, aor: `sip:${alice.user}@${baresipTenant.domain}`, username: alice.user,
      password: alice.password, call: { tone: alice.tone } });
  check(ra.event === 'Registered', `SIP.js 1001 got ${ra.event}, not Registered`);
  await b.waitRegistered();
  t.say(`baresip ${b.aor} (${codec.toUpperCase()} only) dials SIP.js ${alice.user}@${baresipTenant.domain}`);

  const t0 = Date.now();
  await b.dial(`sip:${alice.user}@${baresipTenant.domain}`);
  const inc = await a.evaluate((x) => window.e2e.waitIncoming(x), { id: 'alice', index: 0, timeoutMs: 5000 });
  check(inc.key, `SIP.js never rang; baresip said:\n${b.logTail(20)}`);
  await a.evaluate((x) => window.e2e.sipjsAnswer(x), { key: inc.key });
  const up = await b.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 5000 });
  check(up, `baresip never got CALL_ESTABLISHED:\n${b.logTail(30)}`);
  const pc = await a.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['pc:connected', 'pc:failed'], timeoutMs: 8000 });
  check(pc.event === 'pc:connected', `SIP.js's RTCPeerConnection reached ${pc.event}, not connected`);
  t.measure('baresip dial → SIP.js connected (ICE-Lite + DTLS, the gateway offered)', pc.at - t0);

  const sdp = await a.evaluate((x) => window.e2e.callSdp(x), { key: inc.key });
  check(/^a=ice-lite/m.test(sdp.remote) && /^a=setup:actpass/m.test(sdp.remote) && /^a=group:BUNDLE /m.test(sdp.remote)
    && /^a=ssrc:\d+ cname:tabphone/m.test(sdp.remote), `the gateway's offer to SIP.js is not WebRTC-shaped:\n${sdp.remote}`);
  const media = await gatewayMedia();
  t.note(`tabphone:media:\n${media.text}`);
  const legs = Object.fromEntries(media.rows.map((r) => [r.leg.startsWith('callee') ? 'callee' : r.leg, r]));
  check(legs.caller?.kind === 'RTP' && legs.callee?.kind === 'WEBRTC' && legs.callee?.dtls === 'CONNECTED'
    && legs.caller.codec === `${codec.toUpperCase()}/8000`, `tabphone:media does not show baresip's RTP leg and SIP.js's connected WebRTC leg:\n${media.text}`);
  t.say(`tabphone:media: ${legs.caller.codec} (baresip) ⇄ ${legs.callee.codec} (SIP.js, DTLS ${legs.callee.dtls}), transcoding ${legs.caller.transcoding}`);

  await checkRemoteTones(t, 'SIP.js ← baresip', [{ page: a, key: inc.key, who: 'SIP.js', hears: phone.tone }]);
  await sleep(Math.max(0, 1700 - (Date.now() - up.at)));
  const th = Date.now();
  await b.hangup();
  const bye = await a.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['bye'], timeoutMs: 5000 });
  check(bye.event === 'bye', 'SIP.js got no BYE after baresip hung up');
  t.measure('baresip hangup → SIP.js onBye', bye.at - th);
  await b.waitEvent('CALL_CLOSED', { since: t0, timeoutMs: 3000 });
  const heard = await b.heard();
  const m = toneMatches(heard, alice.tone);
  check(m.ok, `baresip heard ${m.why} (SIP.js sends ${alice.tone} Hz); recording ${heard.file}`);
  t.say(`baresip hears ${heard.hz} Hz at ${heard.db} dBFS over ${heard.seconds} s (SIP.js sends ${alice.tone} Hz)`);
  await unregisterAll(t, [{ page: a, lib: 'sipjs', id: 'alice' }]);
}, { timeoutMs: 30000, cleanup: async () => b?.stop() });
