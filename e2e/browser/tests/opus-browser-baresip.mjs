// Opus ↔ G.711 on the wire: JsSIP (demo 1001, Chromium, fake microphone 440 Hz) offers only Opus
// (the test page keeps opus and telephone-event in its offer) and calls baresip 1002 (tenant
// "baresip", plain RTP, PCMU only, 1 kHz). The gateway offers baresip the browser's Opus plus PCMU
// and PCMA, baresip picks PCMU, and the gateway transcodes Opus ↔ PCMU through 8 kHz PCM (the
// codec-opus bundle). Checked: the browser is answered Opus only, tabphone:media shows
// opus/48000/2 ⇄ PCMU/8000 transcoding, the browser hears 1 kHz and baresip hears 440 Hz.
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

await runBrowserTest('opus-browser-baresip', async (t) => {
  b = await startBaresip({ name: 'opus-1002-pcmu', user: phone.user, tone: phone.tone, codec: 'pcmu' });
  const a = await t.openPage('jssip-1001');
  const ra = await a.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'alice', server: t.cfg.wss, uri: `sip:${alice.user}@${t.cfg.domain}`, password: alice.password });
  check(ra.event === 'registered', `JsSIP 1001 got ${ra.event}, not registered`);
  await b.waitRegistered();
  const before = await gatewayCalls();
  check(before.live === 0, `tabphone:calls shows ${before.live} live calls before the test:\n${before.text}`);

  const key = 'opus-to-pcmu';
  const t0 = Date.now();
  await a.evaluate((x) => window.e2e.jssipCall(x), { id: 'alice', key, target: `sip:${phone.user}@${baresipTenant.domain}`,
    tone: 'mic', codecs: ['opus'] });
  const conf = await a.evaluate((x) => window.e2e.waitCall(x), { key, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
  check(conf.event === 'confirmed', `JsSIP got ${conf.event} ${conf.cause || ''} ${conf.status || ''}, not confirmed; baresip said:\n${b.logTail(30)}`);
  const up = await b.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 3000 });
  check(up, `baresip never got CALL_ESTABLISHED:\n${b.logTail(30)}`);
  const sdp = await a.evaluate((x) => window.e2e.callSdp(x), { key });
  // (the page trims the offer on the wire; pc.localDescription keeps Chrome's full list)
  t.note(`the gateway's answer:\n${sdp.remote}`);
  check(/^a=rtpmap:\d+ opus\/48000\/2/mi.test(sdp.remote || '') && !/^a=rtpmap:\d+ PCM[UA]\//mi.test(sdp.remote || ''),
    'the gateway did not answer the browser with Opus alone');
  const pc = await a.evaluate((x) => window.e2e.waitCall(x), { key, events: ['pc:connected', 'pc:failed'], timeoutMs: 8000 });
  check(pc.event === 'pc:connected', `the browser's RTCPeerConnection reached ${pc.event}, not connected`);

  const media = await gatewayMedia();
  t.note(`tabphone:media while the call runs:\n${media.text}`);
  const legs = Object.fromEntries(media.rows.map((r) => [r.leg.startsWith('callee') ? 'callee' : r.leg, r]));
  check(legs.caller?.codec === 'opus/48000/2' && legs.callee?.codec === 'PCMU/8000'
    && legs.caller.transcoding === 'true' && legs.callee.transcoding === 'true',
    `tabphone:media does not show opus/48000/2 ⇄ PCMU/8000 transcoding:\n${media.text}`);
  t.say(`tabphone:media: ${legs.caller.codec} (browser) ⇄ ${legs.callee.codec} (baresip), transcoding`);

  await checkRemoteTones(t, 'browser ← baresip', [{ page: a, key, who: 'JsSIP (Opus)', hears: phone.tone }]);
  await sleep(Math.max(0, 1700 - (Date.now() - up.at)));
  const th = (await a.evaluate((x) => window.e2e.hangup(x), { key })).at;
  const closed = await b.waitEvent('CALL_CLOSED', { since: t0, timeoutMs: 5000 });
  check(closed, 'baresip did not close the call after the browser hung up');
  t.measure('JsSIP hangup → baresip closed (BYE)', closed.at - th);
  const heard = await b.heard();
  t.note(`baresip heard ${JSON.stringify(heard)}`);
  const m = toneMatches(heard, alice.tone);
  check(m.ok, `baresip (PCMU) heard ${m.why} (the browser sends ${alice.tone} Hz in Opus); recording ${heard.file}`);
  t.say(`baresip hears ${heard.hz} Hz at ${heard.db} dBFS over ${heard.seconds} s: Opus → PCMU transcoded`);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }]);
}, { timeoutMs: 30000, fakeAudioWav: wav, cleanup: async () => b?.stop() });
