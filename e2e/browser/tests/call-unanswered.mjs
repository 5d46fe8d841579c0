// Calls that are never answered, JsSIP (1001) calling through the gateway's B2BUA:
//  - the caller gives up while SIP.js (1002) rings: the gateway answers the CANCEL, CANCELs the
//    callee leg (SIP.js sees onCancel, the invitation Terminated) and sends 487 to JsSIP (failed,
//    cause Canceled);
//  - SIP.js rejects with 486: JsSIP fails with 486 (Busy);
//  - a user with no registration (1003): 480 (Unavailable); a user that does not exist: 404.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { gatewayCalls } from '../lib/karaf.mjs';
import { bindingsFromOutside } from '../lib/checks.mjs';
import { checkNoUnsupported, placeCall, registerJssipAndSipjs, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001' };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };

await runBrowserTest('browser-call-unanswered', async (t) => {
  const { a, b } = await registerJssipAndSipjs(t, { alice, bob });
  const before = await gatewayCalls();
  check(before.live === 0, `tabphone:calls shows ${before.live} live calls before the test:\n${before.text}`);
  const target = `sip:${bob.user}@${t.cfg.domain}`;

  // the caller cancels while the callee rings
  {
    const label = 'cancel';
    const { callerKey, calleeKey, callerCallId, calleeCallId } = await placeCall(t, label,
      { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob', index: 0, target, tone: 440 });
    const ringing = await gatewayCalls();
    t.note(`tabphone:calls while ringing:\n${ringing.text}`);
    const row = ringing.rows.find((r) => r.callee?.includes(`${bob.user}@`));
    check(row && row.state === 'RINGING', `${label}: tabphone:calls shows ${row ? row.state : 'no call'} while SIP.js rings, not RINGING:\n${ringing.text}`);

    const h = await a.evaluate((x) => window.e2e.hangup(x), { key: callerKey });
    const cancel = await b.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['cancel'], timeoutMs: 5000 });
    check(cancel.event === 'cancel', `${label}: SIP.js saw no CANCEL within 5 s of JsSIP's terminate(): ${JSON.stringify(cancel.events?.map((e) => e.event))}`);
    t.measure(`${label}: JsSIP terminate() → SIP.js onCancel`, cancel.at - h.at);
    const term = await b.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['state:Terminated'], timeoutMs: 5000 });
    check(term.event === 'state:Terminated', `${label}: SIP.js invitation did not reach Terminated after the CANCEL`);
    const failed = await a.evaluate((x) => window.e2e.waitCall(x), { key: callerKey, events: ['failed', 'ended'], timeoutMs: 5000 });
    check(failed.event === 'failed' && failed.cause === 'Canceled', `${label}: JsSIP got ${failed.event} (${failed.cause}) after terminate(), not failed/Canceled`);
    // on the wire (JsSIP's failed fires at terminate() itself): CANCEL in at SIP.js, its 487 out,
    // and a 487 for JsSIP's INVITE
    const frame = (label2, dir, re, callId) => t.frames.find((f) => f.label === label2 && f.dir === dir && re.test(f.payload) && f.payload.includes(callId));
    check(frame('sipjs-1002', 'in', /^CANCEL /, calleeCallId), `${label}: no CANCEL reached SIP.js`);
    check(frame('sipjs-1002', 'out', /^SIP\/2\.0 487 /, calleeCallId), `${label}: SIP.js sent no 487`);
    check(frame('jssip-1001', 'in', /^SIP\/2\.0 487 /, callerCallId), `${label}: JsSIP never received a 487 for its cancelled INVITE`);
    t.say(`${label}: wire: CANCEL to SIP.js, 487 from SIP.js, 487 to JsSIP`);
  }

  // the callee is busy
  {
    const label = 'busy';
    const { callerKey, calleeKey } = await placeCall(t, label,
      { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob', index: 1, target, tone: 440 });
    const r = await b.evaluate((x) => window.e2e.sipjsReject(x), { key: calleeKey, statusCode: 486 });
    const failed = await a.evaluate((x) => window.e2e.waitCall(x), { key: callerKey, events: ['failed', 'ended'], timeoutMs: 5000 });
    check(failed.event === 'failed' && failed.status === 486, `${label}: JsSIP got ${failed.event} ${failed.status} (${failed.cause}), not failed with 486`);
    t.measure(`${label}: SIP.js reject(486) → JsSIP failed (${failed.cause})`, failed.at - r.at);
  }

  // nobody to ring, and nobody of that name
  const unbound = await bindingsFromOutside(t, '1003', 'demo1003');
  check(unbound.length === 0, `1003 has bindings (${unbound.map((c) => c.uri).join(', ')}); the 480 case needs it unregistered`);
  for (const [label, user, status] of [['unregistered user', '1003', 480], ['unknown user', '9999', 404]]) {
    const key = label;
    await a.evaluate((x) => window.e2e.jssipCall(x), { id: 'alice', key, target: `sip:${user}@${t.cfg.domain}`, tone: 440 });
    const failed = await a.evaluate((x) => window.e2e.waitCall(x), { key, events: ['failed', 'ended', 'confirmed'], timeoutMs: 5000 });
    check(failed.event === 'failed' && failed.status === status,
      `${label}: JsSIP calling ${user} got ${failed.event} ${failed.status ?? ''} (${failed.cause}), not failed with ${status}`);
    const sending = (await a.evaluate((x) => window.e2e.callState(x), { key })).events.find((e) => e.event === 'sending');
    t.measure(`${label}: JsSIP INVITE sent → ${status} (${failed.cause})`, failed.at - sending.at);
  }

  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls shows ${after.live} live calls after the test:\n${after.text}`);
  check(after.answered === before.answered, `the gateway counted ${after.answered - before.answered} answered calls; none was answered`);
  t.say(`tabphone:calls after: ${after.live} live; +${after.attempts - before.attempts} attempts, +${after.answered - before.answered} answered, +${after.failed - before.failed} failed`);
  checkNoUnsupported(t);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
});
