// Browsers and the PSTN through a customer's SIP trunk (issue 7): baresip plays the provider on
// 127.0.0.2 (PCMA only, 1 kHz, no registration; the gateway knows it by its address), the trunk
// "e2e-pstn" is added from the console with tabphone:trunk-add. (1) JsSIP 1001 (WSS, 440 Hz,
// offering PCMU only) dials the national number 07700900123: the gateway sends +447700900123 to the
// provider, transcodes PCMU↔PCMA, each side hears the other's tone, tabphone:trunks shows the line.
// (2) The provider calls the DID +441130000002, mapped to 1002: SIP.js 1002 rings, answers, tones
// both ways, the provider's BYE reaches SIP.js. (3) sipp plays a provider that challenges the
// INVITE with 401 and checks the credentials (trunk "e2e-auth" on 127.0.0.3): the call is answered.
// (4) The same upstream call forked over both trunks 500 ms apart rings SIP.js once; the sibling
// hears only 100/180 and 487 after its CANCEL.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { startBaresip } from '../lib/baresip.mjs';
import { toneMatches } from '../lib/audio.mjs';
import { fakeCaptureWav, checkRemoteTones } from '../lib/media.mjs';
import { gatewayCalls, gatewayMedia, gatewayTrunks, karaf } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';
import { freeUdpPort, startSipp, checkSipp } from '../lib/sipp.mjs';
import dgram from 'node:dgram';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 440 };
const pstn = { number: '+447700900123', tone: 1000 };
const did = '+441130000002';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let provider = null;

const wav = await fakeCaptureWav(alice.tone);

/** A bare SIP peer over UDP on `ip` (a provider's proxy the gateway knows by address): sends text, keeps what comes back. */
async function rawPeer(ip) {
  const sock = dgram.createSocket('udp4');
  await new Promise((r) => sock.bind(0, ip, r));
  const port = sock.address().port;
  const gw = { host: '127.0.0.1', port: Number(process.env.SIP_UDP_PORT || 5060) };
  const received = [];
  sock.on('message', (m) => received.push(m.toString()));
  let n = 0;
  const header = (msg, name) => new RegExp(`^${name}: *(.*)$`, 'mi').exec(msg)?.[1];
  const sdp = `v=0\r\no=pbx 1 1 IN IP4 ${ip}\r\ns=-\r\nc=IN IP4 ${ip}\r\nt=0 0\r\nm=audio ${port + 2} RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n`;
  return {
    received,
    send: (text) => sock.send(Buffer.from(text), gw.port, gw.host),
    invite: (callId, number) => `INVITE sip:${number}@${gw.host}:${gw.port} SIP/2.0\r\n`
      + `Via: SIP/2.0/UDP ${ip}:${port};rport;branch=z9hG4bK-${ip.replace(/\./g, '')}-${++n}\r\nMax-Forwards: 70\r\n`
      + `From: <sip:+15550199@pbx.test>;tag=pbx-fork\r\nTo: <sip:${number}@${gw.host}>\r\nCall-ID: ${callId}\r\n`
      + `CSeq: 1 INVITE\r\nContact: <sip:pbx@${ip}:${port}>\r\nContent-Type: application/sdp\r\nContent-Length: ${sdp.length}\r\n\r\n${sdp}`,
    cancel: (inv) => same('CANCEL', inv),
    ack: (inv) => same('ACK', inv, received.find((m) => /^SIP\/2\.0 487/.test(m))),
    async expect(re, timeoutMs = 3000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const m = received.find((x) => re.test(x));
        if (m) return m;
        if (Date.now() > end) throw new Error(`${ip}: nothing matching ${re} within ${timeoutMs} ms; got: ${received.map((x) => x.split('\r\n')[0]).join(' | ')}`);
        await sleep(20);
      }
    },
    close: () => sock.close(),
  };
  function same(method, inv, response) {
    const to = response ? header(response, 'To') : header(inv, 'To');
    return `${method} ${inv.split(' ')[1]} SIP/2.0\r\nVia: ${header(inv, 'Via')}\r\nMax-Forwards: 70\r\nFrom: ${header(inv, 'From')}\r\n`
      + `To: ${to}\r\nCall-ID: ${header(inv, 'Call-ID')}\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`;
  }
}

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

  // (4) one upstream call forked to us over both trunks 500 ms apart: SIP.js rings once; the
  // sibling hears 100/180 and, after its CANCEL, 487 — never a 4xx of its own
  await karaf(`tabphone:trunk-set e2e-auth inbound.numbers=${did}=${bob.user}`);
  const first = await rawPeer('127.0.0.2');
  const sibling = await rawPeer('127.0.0.3');
  try {
    const callId = `fork-${Date.now()}@pbx.test`;
    const inv1 = first.invite(callId, did);
    first.send(inv1);
    await first.expect(/^SIP\/2\.0 180/);
    const ring = await b.evaluate((x) => window.e2e.waitIncoming(x), { id: 'bob', index: 1, timeoutMs: 5000 });
    check(ring.key, 'SIP.js never rang for the forked call');
    await sleep(500);
    const inv2 = sibling.invite(callId, did); // same Call-ID and From tag, another branch, another trunk
    sibling.send(inv2);
    await sibling.expect(/^SIP\/2\.0 180/);
    const twice = await b.evaluate((x) => window.e2e.waitIncoming(x), { id: 'bob', index: 2, timeoutMs: 1500 });
    check(!twice.key, 'SIP.js rang a second time for the sibling fork');
    sibling.send(sibling.cancel(inv2));
    await sibling.expect(/^SIP\/2\.0 200 .*\r\n(?:.*\r\n)*CSeq: 1 CANCEL/);
    await sibling.expect(/^SIP\/2\.0 487/);
    sibling.send(sibling.ack(inv2));
    const finals = sibling.received.filter((m) => /^SIP\/2\.0 [2-6]/.test(m) && /CSeq: 1 INVITE/.test(m)).map((m) => m.split('\r\n')[0]);
    check(finals.length === 1 && finals[0].startsWith('SIP/2.0 487'), `the sibling got ${finals.join(', ')}, not only 487`);
    first.send(first.cancel(inv1));
    await first.expect(/^SIP\/2\.0 487/);
    first.send(first.ack(inv1));
    const gone = await b.evaluate((x) => window.e2e.waitCall(x), { key: ring.key, events: ['state:Terminated'], timeoutMs: 3000 });
    check(gone.event === 'state:Terminated', 'SIP.js kept ringing after the provider cancelled');
    t.say(`the same call via two trunks 500 ms apart: SIP.js rang once; the sibling heard ${sibling.received
      .filter((m) => /CSeq: 1 INVITE/.test(m)).map((m) => m.split(' ')[1]).join(', ')}`);
  } finally {
    first.close();
    sibling.close();
  }

  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls shows ${after.live} live calls at the end:\n${after.text}`);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
}, { timeoutMs: 60000, fakeAudioWav: wav, cleanup: async () => { await provider?.stop(); await removeTrunks(); } });
