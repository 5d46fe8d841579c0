// Browsers and the PSTN through a customer's SIP trunk (issue 7): baresip plays the provider on
// 127.0.0.2 (PCMA only, 1 kHz, no registration; the gateway knows it by its address), the trunk
// "e2e-pstn" is added from the console with tabphone:trunk-add. (1) JsSIP 1001 (WSS, 440 Hz,
// offering PCMU only) dials the national number 07700900123: the gateway sends +447700900123 to the
// provider, transcodes PCMU↔PCMA, each side hears the other's tone, tabphone:trunks shows the line.
// (2) The provider calls the DID +441130000002, mapped to 1002: SIP.js 1002 rings, answers, tones
// both ways, the provider's BYE reaches SIP.js. (3) sipp plays a provider that challenges the
// INVITE with 401 and checks the credentials (trunk "e2e-auth" on 127.0.0.3): the call is answered.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { startBaresip } from '../lib/baresip.mjs';
import { toneMatches } from '../lib/audio.mjs';
import { fakeCaptureWav, checkRemoteTones } from '../lib/media.mjs';
import { gatewayCalls, gatewayMedia, gatewayTrunks, karaf } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';
import { freeUdpPort, startSipp, checkSipp } from '../lib/sipp.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 440 };
const pstn = { number: '+447700900123', tone: 1000 };
const did = '+441130000002';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let provider = null;

const wav = await fakeCaptureWav(alice.tone);

async function removeTrunks() {
  for (const t of ['e2e-pstn', 'e2e-auth']) await karaf(`tabphone:trunk-remove ${t}`).catch(() => {});
}

await runBrowserTest('trunk-call', async (t) => {
  await removeTrunks();
  provider = await startBaresip({ name: 'trunk-provider', user: pstn.number, domain: '127.0.0.2', password: 'unused',
    sipIp: '127.0.0.2', register: false, tone: pstn.tone, codec: 'pcma' });
  const added = await karaf(`tabphone:trunk-add e2e-pstn demo 127.0.0.2 port=${provider.opts.sipPort} number.country=44 `
    + `inbound.numbers=${did}=${bob.user} max.total=4`);
  check(/Trunk e2e-pstn added/.test(added), `tabphone:trunk-add said: ${added}`);
  let trunks = await gatewayTrunks();
  const row = trunks.rows.find((r) => r.trunk === 'e2e-pstn');
  check(row?.status === 'STATIC', `tabphone:trunks does not show e2e-pstn as a static trunk:\n${trunks.text}`);
  t.say(`trunk e2e-pstn → baresip "provider" at 127.0.0.2:${provider.opts.sipPort} (PCMA only, ${pstn.tone} Hz)`);

  // (1) browser → trunk → PSTN
  const a = await t.openPage('jssip-1001');
  const ra = await a.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'alice', server: t.cfg.wss, uri: `sip:${alice.user}@${t.cfg.domain}`, password: alice.password });
  check(ra.event === 'registered', `JsSIP 1001 got ${ra.event}, not registered`);
  const key = 'to-pstn';
  const t0 = Date.now();
  await a.evaluate((x) => window.e2e.jssipCall(x), { id: 'alice', key, target: `sip:07700900123@${t.cfg.domain}`,
    tone: 'mic', codecs: ['PCMU'] });
  const conf = await a.evaluate((x) => window.e2e.waitCall(x), { key, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
  check(conf.event === 'confirmed', `JsSIP's call to 07700900123: ${conf.event} ${conf.cause || ''}; the provider said:\n${provider.logTail(30)}`);
  const up = await provider.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 3000 });
  check(up, `the provider never got CALL_ESTABLISHED:\n${provider.logTail(30)}`);
  t.measure('JsSIP dials 07700900123 → confirmed through the trunk', conf.at - t0);
  const invite = provider.sipTrace().find((m) => m.first.startsWith('INVITE '));
  check(invite?.first.startsWith(`INVITE sip:${pstn.number}@127.0.0.2`), `the provider got ${invite?.first}, not the E.164 number`);
  t.say(`the provider got "${invite.first}"`);
  const media = await gatewayMedia();
  t.note(`tabphone:media:\n${media.text}`);
  const legs = Object.fromEntries(media.rows.map((r) => [r.leg.startsWith('callee') ? 'callee' : r.leg, r]));
  check(legs.caller?.codec === 'PCMU/8000' && legs.callee?.codec === 'PCMA/8000' && legs.caller.transcoding === 'true',
    `tabphone:media does not show PCMU (browser) ⇄ PCMA (trunk) transcoding:\n${media.text}`);
  trunks = await gatewayTrunks();
  const busy = trunks.rows.find((r) => r.trunk === 'e2e-pstn');
  check(busy?.out === '1', `tabphone:trunks does not show the outbound line in use:\n${trunks.text}`);
  await checkRemoteTones(t, 'browser ← PSTN', [{ page: a, key, who: 'JsSIP', hears: pstn.tone }]);
  await sleep(Math.max(0, 1700 - (Date.now() - up.at)));
  await a.evaluate((x) => window.e2e.hangup(x), { key });
  check(await provider.waitEvent('CALL_CLOSED', { since: t0, timeoutMs: 5000 }), 'the provider did not close the call after the browser hung up');
  const heard = await provider.heard();
  const m = toneMatches(heard, alice.tone);
  check(m.ok, `the provider heard ${m.why} (the browser sends ${alice.tone} Hz); recording ${heard.file}`);
  t.say(`the provider hears ${heard.hz} Hz at ${heard.db} dBFS (the browser sends ${alice.tone} Hz)`);

  // (2) PSTN → trunk → browser
  const b = await t.openPage('sipjs-1002');
  const rb = await b.evaluate((x) => window.e2e.sipjsRegister(x),
    { id: 'bob', server: t.cfg.wss, aor: `sip:${bob.user}@${t.cfg.domain}`, username: bob.user, password: bob.password,
      call: { tone: bob.tone } });
  check(rb.event === 'Registered', `SIP.js 1002 got ${rb.event}, not Registered`);
  const t1 = Date.now();
  await provider.dial(`sip:${did}@127.0.0.1:${process.env.SIP_UDP_PORT || 5060}`);
  const inc = await b.evaluate((x) => window.e2e.waitIncoming(x), { id: 'bob', index: 0, timeoutMs: 5000 });
  check(inc.key, `SIP.js 1002 never rang for ${did}; the provider said:\n${provider.logTail(20)}`);
  const from = inc.events.find((e) => e.event === 'invite')?.from;
  t.say(`SIP.js 1002 rings for ${did}: From ${from}`);
  await b.evaluate((x) => window.e2e.sipjsAnswer(x), { key: inc.key });
  const up2 = await provider.waitEvent('CALL_ESTABLISHED', { since: t1, timeoutMs: 5000 });
  check(up2, `the provider's call never got CALL_ESTABLISHED:\n${provider.logTail(30)}`);
  t.measure('provider dials the DID → established', up2.at - t1);
  await checkRemoteTones(t, 'browser ← PSTN (inbound)', [{ page: b, key: inc.key, who: 'SIP.js', hears: pstn.tone }]);
  await sleep(Math.max(0, 1700 - (Date.now() - up2.at)));
  await provider.hangup();
  const bye = await b.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['bye'], timeoutMs: 5000 });
  check(bye.event === 'bye', 'SIP.js got no BYE after the provider hung up');
  await provider.waitEvent('CALL_CLOSED', { since: t1, timeoutMs: 3000 });
  const heard2 = await provider.heard();
  const m2 = toneMatches(heard2, bob.tone);
  check(m2.ok, `the provider heard ${m2.why} from SIP.js (${bob.tone} Hz); recording ${heard2.file}`);
  t.say(`the provider hears ${heard2.hz} Hz from SIP.js`);

  // (3) a provider that challenges: the gateway answers its 401 with the trunk's credentials
  const port = await freeUdpPort();
  await karaf(`tabphone:trunk-add e2e-auth demo 127.0.0.3 port=${port} username=acme password=s3cret priority=1 `
    + 'outbound.prefixes=+1');
  const sipp = startSipp('trunk-provider-digest', 'trunk-provider-digest.xml', ['-t', 'u1', '-p', String(port), '-i', '127.0.0.3'],
    { port, host: '127.0.0.3', timeoutS: 20 });
  check(await sipp.ready(), `sipp never bound 127.0.0.3:${port}`);
  const key3 = 'to-auth';
  await a.evaluate((x) => window.e2e.jssipCall(x), { id: 'alice', key: key3, target: `sip:+15550100@${t.cfg.domain}`, tone: 'mic' });
  const conf3 = await a.evaluate((x) => window.e2e.waitCall(x), { key: key3, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
  check(conf3.event === 'confirmed', `the call through the challenging provider: ${conf3.event} ${conf3.cause || ''}`);
  await sleep(500);
  await a.evaluate((x) => window.e2e.hangup(x), { key: key3 });
  const r = checkSipp(await sipp.done);
  const invites = r.messages.filter((x) => x.dir === 'received' && x.first.startsWith('INVITE '));
  check(invites.length === 2 && /\nAuthorization: Digest username="acme"/.test(invites[1].text),
    `sipp did not get a challenged INVITE and then one with credentials: ${invites.map((x) => x.first).join(' | ')}`);
  t.say('the challenging provider got the INVITE again with Authorization for "acme" (verified by sipp) and answered');

  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls shows ${after.live} live calls at the end:\n${after.text}`);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
}, { timeoutMs: 60000, fakeAudioWav: wav, cleanup: async () => { await provider?.stop(); await removeTrunks(); } });
