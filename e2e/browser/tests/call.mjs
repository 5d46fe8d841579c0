// A browser-to-browser call through the gateway's B2BUA: JsSIP (1001, one tab) calls SIP.js
// (1002, another tab) over WSS. SIP.js rings and answers, JsSIP sees 180 then accepted and
// confirmed, each tab's ICE and DTLS connect to the gateway (which relays the media between the
// two legs), and each side hears the other's tone (440 Hz from JsSIP, 1 kHz from SIP.js). Twice: the callee
// hangs up the first call, the caller the second; the other side ends on the BYE the gateway
// relays. tabphone:calls shows the call ANSWERED while up and "0 live" after.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { gatewayCalls } from '../lib/karaf.mjs';
import { answerCall, checkAudio, checkByeAnswered, checkNoUnsupported, placeCall, registerJssipAndSipjs, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };

await runBrowserTest('browser-call', async (t) => {
  const target = `sip:${bob.user}@${t.cfg.domain}`;
  const { a, b } = await registerJssipAndSipjs(t, { alice, bob });
  const before = await gatewayCalls();
  check(before.live === 0, `tabphone:calls shows ${before.live} live calls before the test:\n${before.text}`);

  for (const [n, hangupBy] of [[1, 'callee'], [2, 'caller']]) {
    const label = `call ${n}`;
    const { callerKey, calleeKey, callerCallId, calleeCallId } = await placeCall(t, label, { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob',
      index: n - 1, target, tone: alice.tone });
    await answerCall(t, label, { callerPage: a, callerKey, calleePage: b, calleeKey });

    const up = await gatewayCalls();
    t.note(`tabphone:calls while up:\n${up.text}`);
    const row = up.rows.find((r) => r.callee?.includes(`${bob.user}@`));
    check(up.live === 1 && row, `${label}: tabphone:calls shows no call to ${bob.user} while it is up:\n${up.text}`);
    check(row.state === 'ANSWERED', `${label}: tabphone:calls shows the call ${row.state}, not ANSWERED`);
    check(row.caller?.includes(`${alice.user}@`), `${label}: tabphone:calls shows caller ${row.caller}`);
    t.say(`${label}: tabphone:calls: ${row.call} ${row.caller} → ${row.callee} ${row.state}, ${row.branches} branch(es)`);

    await checkAudio(t, label, [
      { page: a, key: callerKey, who: 'JsSIP', hears: bob.tone },
      { page: b, key: calleeKey, who: 'SIP.js', hears: alice.tone },
    ]);

    // hang up: the other side must get the BYE through the gateway
    const [hPage, hKey, oPage, oKey, oEvents, oLabel, oCallId] = hangupBy === 'callee'
      ? [b, calleeKey, a, callerKey, ['ended', 'failed'], 'jssip-1001', callerCallId]
      : [a, callerKey, b, calleeKey, ['bye'], 'sipjs-1002', calleeCallId];
    const h = await hPage.evaluate((x) => window.e2e.hangup(x), { key: hKey });
    const ended = await oPage.evaluate((x) => window.e2e.waitCall(x), { key: oKey, events: oEvents, timeoutMs: 5000 });
    check(ended.event !== 'timeout', `${label}: the ${hangupBy} hung up, the other side saw no ${oEvents.join('/')} in 5 s: ${JSON.stringify(ended.events)}`);
    if (hangupBy === 'callee') {
      check(ended.event === 'ended' && ended.originator === 'remote',
        `${label}: JsSIP ended with ${ended.event} originator=${ended.originator} cause=${ended.cause}, not ended by the remote BYE`);
    }
    t.measure(`${label}: ${hangupBy} hangup → ${hangupBy === 'callee' ? 'JsSIP ended (BYE)' : 'SIP.js onBye'}`, ended.at - h.at);
    await checkByeAnswered(t, label, oLabel, oCallId);
    // the hanging-up side must see its BYE answered (200) and end too
    const own = await hPage.evaluate((x) => window.e2e.waitCall(x),
      { key: hKey, events: hangupBy === 'callee' ? ['state:Terminated'] : ['ended'], timeoutMs: 5000 });
    check(own.event !== 'timeout', `${label}: the ${hangupBy} did not end after its own hangup`);

    const after = await gatewayCalls();
    check(after.live === 0, `${label}: tabphone:calls shows ${after.live} live calls after the hangup:\n${after.text}`);
    t.say(`${label}: tabphone:calls after hangup: ${after.live} live; ${after.attempts} attempts, ${after.answered} answered, ${after.failed} failed`);
  }
  const end = await gatewayCalls();
  check(end.attempts - before.attempts === 2 && end.answered - before.answered === 2,
    `the gateway counted ${end.attempts - before.attempts} attempts and ${end.answered - before.answered} answered for 2 answered calls`);
  checkNoUnsupported(t);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
});
