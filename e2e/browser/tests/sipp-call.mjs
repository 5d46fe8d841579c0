// Calls between sipp (a SIP phone over UDP that nobody here wrote) and a browser, through the
// gateway's B2BUA:
//  (a) sipp calls SIP.js (1003, auto-answer): 200, ACK, BYE after a second; the BYE reaches the
//      browser over its WebSocket.
//  (b) JsSIP (1004) calls a sipp desk phone registered as 3000 in tenant "calls" (added live by
//      sipp-call.sh): sipp rings and answers; first JsSIP hangs up (sipp gets the BYE), then sipp
//      hangs up (JsSIP gets the BYE).
// sipp speaks plain RTP/AVP SDP like a desk phone and the gateway's media bridge gives the browser
// WebRTC SDP; sipp sends no RTP, so these calls test signalling (baresip-* tests prove audio).
// Environment: CALLS_CSV (sipp injection file with user 3000 of domain CALLS_DOMAIN).
import { runBrowserTest, check } from '../lib/harness.mjs';
import { gatewayCalls } from '../lib/karaf.mjs';
import { checkByeAnswered, checkNoUnsupported, unregisterAll } from '../lib/calls.mjs';
import { checkSipp, findMessage, freeUdpPort, runSipp, startSipp } from '../lib/sipp.mjs';

const carol = { user: '1003', password: 'demo1003', tone: 1000 };
const dave = { user: '1004', password: 'demo1004', tone: 440 };
const desk = { user: '3000', domain: process.env.CALLS_DOMAIN || 'calls.tabphone.test', csv: process.env.CALLS_CSV };
const gateway = `127.0.0.1:${process.env.SIP_UDP_PORT || 5060}`;

await runBrowserTest('sipp-call', async (t) => {
  check(desk.csv, 'CALLS_CSV is not set (run through e2e/tests/sipp-call.sh)');
  const c = await t.openPage('sipjs-1003');
  const d = await t.openPage('jssip-1004');
  const rc = await c.evaluate((x) => window.e2e.sipjsRegister(x),
    { id: 'carol', server: t.cfg.wss, aor: `sip:${carol.user}@${t.cfg.domain}`, username: carol.user, password: carol.password,
      call: { tone: carol.tone, autoAnswer: true } });
  check(rc.event === 'Registered', `SIP.js 1003 got ${rc.event}, not Registered`);
  const rd = await d.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'dave', server: t.cfg.wss, uri: `sip:${dave.user}@${t.cfg.domain}`, password: dave.password });
  check(rd.event === 'registered', `JsSIP 1004 got ${rd.event}, not registered`);
  const before = await gatewayCalls();
  check(before.live === 0, `tabphone:calls shows ${before.live} live calls before the test:\n${before.text}`);

  // (a) sipp → SIP.js
  {
    const label = 'sipp → SIP.js';
    const r = checkSipp(await startSipp('call-uac-bye', 'uac-call-bye.xml',
      [gateway, '-t', 'u1', '-p', String(await freeUdpPort()), '-i', '127.0.0.1', '-s', carol.user, '-key', 'domain', t.cfg.domain]).done);
    const inc = await c.evaluate((x) => window.e2e.waitIncoming(x), { id: 'carol', index: 0, timeoutMs: 100 });
    check(inc.key, `${label}: SIP.js never saw the INVITE`);
    const bye = await c.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['bye'], timeoutMs: 3000 });
    check(bye.event === 'bye', `${label}: SIP.js got no BYE after sipp hung up: ${JSON.stringify(bye.events?.map((e) => e.event))}`);
    const ev = (await c.evaluate((x) => window.e2e.callState(x), { key: inc.key })).events;
    const get = (name) => ev.find((e) => e.event === name);
    check(get('state:Established'), `${label}: SIP.js never reached Established`);
    await checkByeAnswered(t, label, 'sipjs-1003', get('invite').callId);
    const invite = findMessage(r, /^INVITE /, 'sent');
    const ok = findMessage(r, /^SIP\/2\.0 200 /, 'received');
    const ringing = findMessage(r, /^SIP\/2\.0 180 /, 'received');
    const byeSent = findMessage(r, /^BYE /, 'sent');
    check(ringing, `${label}: sipp got no 180`);
    t.measure(`${label}: sipp INVITE sent → 180 at sipp`, ringing.at - invite.at);
    t.measure(`${label}: sipp INVITE sent → SIP.js rings`, get('invite').at - invite.at);
    t.measure(`${label}: SIP.js accept() → 200 at sipp`, ok.at - get('accept').at);
    t.measure(`${label}: sipp BYE sent → SIP.js onBye`, bye.at - byeSent.at);
    t.say(`${label}: 200 Contact from the gateway: ${/^Contact:.*$/mi.exec(ok.text)?.[0]}; sipp's ACK and BYE went to ${/^(ACK \S+)/m.exec(findMessage(r, /^ACK /, 'sent').text)[1]}`);
    const after = await gatewayCalls();
    check(after.live === 0, `${label}: tabphone:calls shows ${after.live} live calls after the BYE:\n${after.text}`);
  }

  // (b) JsSIP → sipp desk phone: register it, then one call per ending
  const port = await freeUdpPort();
  const sippAt = ['-t', 'u1', '-p', String(port), '-i', '127.0.0.1'];
  await runSipp('call-uas-register', 'register-digest.xml', [gateway, ...sippAt, '-inf', desk.csv]);
  t.say(`sipp desk phone ${desk.user}@${desk.domain} registered from 127.0.0.1:${port}`);
  try {
    for (const [n, scenario, hangupBy] of [[1, 'uas-answer-recv-bye.xml', 'browser'], [2, 'uas-answer-send-bye.xml', 'sipp']]) {
      const label = `JsSIP → sipp ${n} (${hangupBy} hangs up)`;
      const uas = startSipp(`call-uas-${n}`, scenario, [...sippAt, '-s', desk.user], { port });
      check(await uas.ready(), `${label}: sipp never bound 127.0.0.1:${port}`);
      const key = `desk${n}`;
      await d.evaluate((x) => window.e2e.jssipCall(x), { id: 'dave', key, target: `sip:${desk.user}@${desk.domain}`, tone: dave.tone });
      const conf = await d.evaluate((x) => window.e2e.waitCall(x), { key, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
      if (conf.event !== 'confirmed') {
        uas.child.kill();
        const r = await uas.done;
        check(false, `${label}: JsSIP got ${conf.event} ${conf.cause || ''} ${conf.status || ''}, not confirmed; sipp saw ${r.messages.map((m) => `${m.dir} ${m.first}`).join(' | ')}`);
      }
      const up = await gatewayCalls();
      const row = up.rows.find((x) => x.callee?.includes(`${desk.user}@`));
      check(row && row.state === 'ANSWERED', `${label}: tabphone:calls does not show the call ANSWERED:\n${up.text}`);
      let endedAt;
      let hangupAt;
      if (hangupBy === 'browser') {
        await new Promise((res) => setTimeout(res, 300));
        hangupAt = (await d.evaluate((x) => window.e2e.hangup(x), { key })).at;
        endedAt = (await d.evaluate((x) => window.e2e.waitCall(x), { key, events: ['ended'], timeoutMs: 5000 })).at;
      } else {
        const ended = await d.evaluate((x) => window.e2e.waitCall(x), { key, events: ['ended', 'failed'], timeoutMs: 5000 });
        check(ended.event === 'ended' && ended.originator === 'remote',
          `${label}: JsSIP got ${ended.event} (${ended.originator}, ${ended.cause}), not ended by the remote BYE`);
        endedAt = ended.at;
        const callId = (await d.evaluate((x) => window.e2e.callState(x), { key })).events.find((e) => e.event === 'sending').callId;
        await checkByeAnswered(t, label, 'jssip-1004', callId);
      }
      const r = checkSipp(await uas.done);
      const ev = (await d.evaluate((x) => window.e2e.callState(x), { key })).events;
      const sending = ev.find((e) => e.event === 'sending');
      const sippInvite = findMessage(r, /^INVITE /, 'received');
      const sippOk = findMessage(r, /^SIP\/2\.0 200 /, 'sent');
      t.measure(`${label}: JsSIP INVITE sent → sipp rings (INVITE in)`, sippInvite.at - sending.at);
      t.measure(`${label}: sipp 200 sent → JsSIP confirmed`, ev.find((e) => e.event === 'confirmed').at - sippOk.at);
      if (hangupBy === 'browser') {
        const byeIn = findMessage(r, /^BYE /, 'received');
        t.measure(`${label}: JsSIP terminate() → sipp gets BYE`, byeIn.at - hangupAt);
        check(endedAt, `${label}: JsSIP did not end after its own BYE`);
      } else {
        t.measure(`${label}: sipp BYE sent → JsSIP ended`, endedAt - findMessage(r, /^BYE /, 'sent').at);
      }
      const after = await gatewayCalls();
      check(after.live === 0, `${label}: tabphone:calls shows ${after.live} live calls after the hangup:\n${after.text}`);
    }
  } finally {
    await runSipp('call-uas-unregister', 'unregister-digest.xml', [gateway, ...sippAt, '-inf', desk.csv]).catch((e) => t.say(`unregister: ${e.message}`));
  }
  const end = await gatewayCalls();
  t.say(`tabphone:calls at the end: ${end.live} live; ${end.attempts - before.attempts} attempts, ${end.answered - before.answered} answered in this test`);
  check(end.answered - before.answered === 3, `the gateway counted ${end.answered - before.answered} answered calls, not 3`);
  checkNoUnsupported(t);
  await unregisterAll(t, [{ page: c, lib: 'sipjs', id: 'carol' }, { page: d, lib: 'jssip', id: 'dave' }]);
});
