// Blind transfer by the caller's leg with real peers, no browser: a sipp office phone (UDP, not a
// tenant user) calls baresip 1002 "Bob" (tenant "baresip", plain RTP, 1 kHz, auto-answer), then
// REFERs the call to 1003 "Carol" (baresip, 1600 Hz): sipp gets 202, NOTIFY "100 Trying" then
// NOTIFY "200 OK" in that order and its BYE is answered (e2e/sipp/refer-caller.xml checks them);
// Carol rings with Bob as the caller; Bob's call never closes (he keeps his media leg, now bridged
// to Carol's); one live call at the gateway; Carol hears Bob's tone and Bob Carol's; Bob's hang-up
// reaches Carol. Needs tenant "baresip" (e2e/baresip/tenant.sh add).
import { runTest, check } from '../lib/node-test.mjs';
import { startBaresip, baresipTenant, clearBindings } from '../lib/baresip.mjs';
import { toneMatches } from '../lib/audio.mjs';
import { gatewayCalls } from '../lib/karaf.mjs';
import { checkSipp, findMessage, freeUdpPort, startSipp } from '../lib/sipp.mjs';

const domain = baresipTenant.domain;
const gateway = `127.0.0.1:${process.env.SIP_UDP_PORT || 5060}`;
const bob = { user: '1002', tone: 1000 };
const carol = { user: '1003', tone: 1600 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let pb = null;
let pc = null;

await runTest('refer-caller-transfer', async (t) => {
  for (const u of [bob.user, carol.user]) {
    check(await clearBindings({ user: u }) === 200, `could not clear the bindings of ${u}@${domain}`);
  }
  [pb, pc] = await Promise.all([
    startBaresip({ name: 'refer-caller-1002', user: bob.user, tone: bob.tone }),
    startBaresip({ name: 'refer-caller-1003', user: carol.user, tone: carol.tone }),
  ]);
  await Promise.all([pb.waitRegistered(), pc.waitRegistered()]);
  t.say(`baresip ${pb.aor} (${bob.tone} Hz) and ${pc.aor} (${carol.tone} Hz) registered`);

  const t0 = Date.now();
  const sipp = startSipp('refer-caller', 'refer-caller.xml',
    [gateway, '-t', 'u1', '-i', '127.0.0.1', '-p', String(await freeUdpPort()), '-s', bob.user, '-key', 'domain', domain, '-set', 'target', carol.user], { timeoutS: 20 });
  const upB = await pb.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 5000 });
  check(upB, `Bob never answered the office phone:\n${pb.logTail(30)}`);
  const upC = await pc.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 8000 });
  check(upC, `Carol never answered the transfer:\n${pc.logTail(30)}`);
  check(/1002@/.test(upC.peeruri || ''), `Carol's call is not from Bob: ${JSON.stringify(upC)}`);
  const r = checkSipp(await sipp.done);
  const refer = findMessage(r, /^REFER /, 'sent');
  const notifies = r.messages.filter((m) => m.dir === 'received' && /^NOTIFY /.test(m.first));
  check(refer && notifies.length === 2, `sipp sent REFER ${!!refer}, got ${notifies.length} NOTIFYs, not 2`);
  t.measure('REFER sent → Carol answered', upC.at - refer.at);
  t.measure('REFER sent → final NOTIFY', notifies[1].at - refer.at);
  const tDone = notifies[1].at;
  check(!pb.events.some((e) => e.type === 'CALL_CLOSED' && e.at >= t0), 'Bob\'s call closed during the transfer');
  const calls = await gatewayCalls();
  check(calls.live === 1 && calls.rows[0]?.state === 'ANSWERED', `tabphone:calls after the transfer:\n${calls.text}`);
  t.say(`sipp: REFER → 202, NOTIFY 100, NOTIFY 200 (terminated), BYE answered; Carol answered ${upC.peeruri}; Bob's call stayed up`);
  await sleep(2500);

  const tHang = Date.now();
  await pb.hangup();
  const closed = await pc.waitEvent('CALL_CLOSED', { since: tHang, timeoutMs: 5000 });
  check(closed, 'Carol\'s call did not close when Bob hung up');
  const heardC = await pc.heard();
  const c = toneMatches(heardC, bob.tone);
  check(c.ok, `Carol did not hear Bob's ${bob.tone} Hz: ${c.why} (${heardC.file})`);
  const skip = pb.recordings().length > 1 ? 0.5 : Math.max(0.5, (tDone - upB.at) / 1000 + 0.5);
  const heardB = await pb.heard({ skip });
  const b = toneMatches(heardB, carol.tone);
  check(b.ok, `Bob did not hear Carol's ${carol.tone} Hz after the transfer: ${b.why} (${heardB.file}, from ${skip} s)`);
  t.say(`tones: Carol hears ${c.why}, Bob hears ${b.why} (after the transfer)`);
  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls after the hang-up:\n${after.text}`);
}, { dir: 'baresip', timeoutMs: 45000, cleanup: async () => { await Promise.all([pb?.stop(), pc?.stop()]); } });
