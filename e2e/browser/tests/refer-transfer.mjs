// Blind transfer by name (RFC 3515), the AI receptionist's hand-off: JsSIP "Bob" (1002, tenant
// "refer", fake microphone 440 Hz) calls the receptionist, a sipp phone registered as 1004; it
// answers, then REFERs the call to "alice" — a display name, not an extension — and leaves.
// SIP.js "Alice" (1001, 1 kHz) rings with Bob as the caller and answers. Checked: sipp gets 202,
// NOTIFY "100 Trying" (Subscription-State active) then NOTIFY "200 OK" (terminated), in that order;
// its BYE is answered; Bob's call never ends or re-INVITEs; tabphone:calls shows one call
// ANSWERED; tabphone:media shows Bob's and Alice's legs, the agent's leg gone; Bob and Alice hear
// each other's tone; Bob's BYE reaches Alice. Environment: REFER_CSV (sipp injection file for
// user 1004 of REFER_DOMAIN).
import { runBrowserTest, check } from '../lib/harness.mjs';
import { gatewayCalls, gatewayMedia } from '../lib/karaf.mjs';
import { checkByeAnswered, unregisterAll } from '../lib/calls.mjs';
import { checkSipp, findMessage, freeUdpPort, runSipp, startSipp } from '../lib/sipp.mjs';
import { checkRemoteTones, fakeCaptureWav } from '../lib/media.mjs';

const domain = process.env.REFER_DOMAIN || 'refer.tabphone.test';
const alice = { user: '1001', password: 'pw1001', tone: 1000 };
const bob = { user: '1002', password: 'pw1002', tone: 440 };
const agent = { user: '1004', csv: process.env.REFER_CSV };
const gateway = `127.0.0.1:${process.env.SIP_UDP_PORT || 5060}`;
const wav = await fakeCaptureWav(bob.tone);

await runBrowserTest('refer-transfer', async (t) => {
  check(agent.csv, 'REFER_CSV is not set (run through e2e/tests/refer-transfer.sh)');
  const a = await t.openPage('sipjs-1001');
  const ra = await a.evaluate((x) => window.e2e.sipjsRegister(x),
    { id: 'alice', server: t.cfg.wss, aor: `sip:${alice.user}@${domain}`, username: alice.user, password: alice.password,
      call: { tone: alice.tone } });
  check(ra.event === 'Registered', `SIP.js 1001 got ${ra.event}, not Registered`);
  const b = await t.openPage('jssip-1002');
  const rb = await b.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'bob', server: t.cfg.wss, uri: `sip:${bob.user}@${domain}`, password: bob.password });
  check(rb.event === 'registered', `JsSIP 1002 got ${rb.event}, not registered`);

  const port = await freeUdpPort();
  const sippAt = ['-t', 'u1', '-p', String(port), '-i', '127.0.0.1'];
  await runSipp('refer-agent-register', 'register-digest.xml', [gateway, ...sippAt, '-inf', agent.csv]);
  t.say(`sipp receptionist ${agent.user}@${domain} registered from 127.0.0.1:${port}`);
  const sipp = startSipp('refer-agent', 'agent-refer.xml',
    [...sippAt, '-s', agent.user, '-set', 'target', 'alice', '-set', 'domain', domain], { port, timeoutS: 25 });
  check(await sipp.ready(), `sipp never bound 127.0.0.1:${port}`);

  const key = 'bob-to-agent';
  const t0 = Date.now();
  await b.evaluate((x) => window.e2e.jssipCall(x), { id: 'bob', key, target: `sip:${agent.user}@${domain}`, tone: 'mic' });
  const conf = await b.evaluate((x) => window.e2e.waitCall(x), { key, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
  check(conf.event === 'confirmed', `Bob's call to the receptionist: ${conf.event} ${conf.cause || ''}, not confirmed`);
  t.measure('Bob → receptionist answered', conf.at - t0);

  const inc = await a.evaluate((x) => window.e2e.waitIncoming(x), { id: 'alice', index: 0, timeoutMs: 8000 });
  check(inc.key, 'Alice never rang after the receptionist sent REFER');
  const invite = inc.events.find((e) => e.event === 'invite');
  check(/1002@/.test(invite.from), `Alice's INVITE is not from Bob: From ${invite.from}`);
  t.say(`Alice rings: From ${invite.from}, Request-URI ${invite.ruri}`);
  await a.evaluate((x) => window.e2e.sipjsAnswer(x), { key: inc.key });
  const up = await a.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['state:Established', 'state:Terminated'], timeoutMs: 5000 });
  check(up.event === 'state:Established', `Alice's call reached ${up.event}`);
  t.measure('REFER sent → Alice established', up.at - t0);

  const r = checkSipp(await sipp.done);
  const refer = findMessage(r, /^REFER /, 'sent');
  const accepted = findMessage(r, /^SIP\/2\.0 202 /, 'received');
  const notifies = r.messages.filter((m) => m.dir === 'received' && /^NOTIFY /.test(m.first));
  check(accepted, 'sipp got no 202 for its REFER');
  check(notifies.length === 2, `sipp got ${notifies.length} NOTIFYs, not 2`);
  const frag = (m) => /\r?\n\r?\n(SIP\/2\.0 \d+ [^\r\n]*)/.exec(m.text)?.[1];
  check(frag(notifies[0]) === 'SIP/2.0 100 Trying' && frag(notifies[1]) === 'SIP/2.0 200 OK',
    `NOTIFY sipfrags in the wrong order: ${notifies.map(frag).join(', ')}`);
  t.say(`sipp: REFER → 202, NOTIFY "${frag(notifies[0])}", NOTIFY "${frag(notifies[1])}" (terminated), its BYE answered`);
  t.measure('REFER sent → 202', accepted.at - refer.at);
  t.measure('REFER sent → final NOTIFY', notifies[1].at - refer.at);

  const bobState = (await b.evaluate((x) => window.e2e.callState(x), { key })).events.map((e) => e.event);
  check(!bobState.includes('ended') && !bobState.includes('failed'), `Bob's call ended during the transfer: ${bobState}`);
  const calls = await gatewayCalls();
  check(calls.live === 1 && calls.rows[0]?.state === 'ANSWERED', `tabphone:calls after the transfer:\n${calls.text}`);
  const media = await gatewayMedia();
  t.note(`tabphone:media after the transfer:\n${media.text}`);
  check(media.rows.length === 2 && media.rows.every((row) => row.kind === 'WEBRTC' && row.dtls === 'CONNECTED'),
    `tabphone:media should show Bob's and Alice's WebRTC legs only:\n${media.text}`);

  await checkRemoteTones(t, 'after the transfer', [
    { page: b, key, who: 'Bob', hears: alice.tone },
    { page: a, key: inc.key, who: 'Alice', hears: bob.tone },
  ]);
  await b.evaluate((x) => window.e2e.hangup(x), { key });
  const bye = await a.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['bye', 'state:Terminated'], timeoutMs: 3000 });
  check(bye.event === 'bye' || bye.event === 'state:Terminated', 'Alice got no BYE when Bob hung up');
  await checkByeAnswered(t, 'Bob hangs up', 'sipjs-1001', invite.callId);
  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls after the hangup:\n${after.text}`);
  await unregisterAll(t, [{ page: a, lib: 'sipjs', id: 'alice' }, { page: b, lib: 'jssip', id: 'bob' }]);
}, { timeoutMs: 40000, fakeAudioWav: wav });
