// Two real SIP phones (baresip 1.0, UDP) call each other through the gateway and hear each other:
// media is anchored in the gateway (RTP relayed, PCMU/PCMA passed through), each sends its own tone
// and records what it hears. Call 1: PCMU, 1002 (1 kHz) calls 1003 (600 Hz), the caller hangs up.
// Call 2: both restarted PCMA-only, 1003 calls 1002, the callee hangs up. Checked: both phones in
// tabphone:registrations, the call ANSWERED in tabphone:calls while up and gone after the BYE,
// each recording's dominant tone is the far side's, the SDP offered only the chosen codec, and
// quitting baresip un-REGISTERs it. Needs tenant "baresip" (e2e/baresip/tenant.sh add).
import { runTest, check } from '../lib/node-test.mjs';
import { startBaresip, baresipTenant, clearBindings } from '../lib/baresip.mjs';
import { toneMatches } from '../lib/audio.mjs';
import { gatewayCalls, karaf } from '../lib/karaf.mjs';

const domain = baresipTenant.domain;
const phones = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function registrations() {
  const text = await karaf('tabphone:registrations baresip');
  return text.split(/\r?\n/).filter((l) => /^\s*baresip\s*\|/.test(l));
}

async function start(user, tone, codec) {
  const b = await startBaresip({ name: `call-${user}-${codec}`, user, tone, codec });
  phones.push(b);
  return b;
}

async function stopAll() {
  await Promise.all(phones.splice(0).map((b) => b.stop()));
}

/** One call from caller to callee; hangupBy is 'caller' or 'callee'. */
async function call(t, label, caller, callee, hangupBy) {
  const before = await gatewayCalls();
  check(before.live === 0, `${label}: tabphone:calls shows ${before.live} live calls before the call:\n${before.text}`);
  const t0 = Date.now();
  const d = await caller.dial(`sip:${callee.opts.user}@${domain}`);
  check(d.ok, `${label}: baresip refused to dial: ${d.data}`);
  const [upCaller, upCallee] = await Promise.all([
    caller.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 5000 }),
    callee.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 5000 }),
  ]);
  check(upCaller, `${label}: the caller ${caller.aor} never got CALL_ESTABLISHED; its events: ${JSON.stringify(caller.events.map((e) => `${e.type} ${e.param || ''}`))}\n${caller.logTail(30)}`);
  check(upCallee, `${label}: the callee ${callee.aor} never got CALL_ESTABLISHED\n${callee.logTail(30)}`);
  t.measure(`${label}: dial → established at the caller`, upCaller.at - t0);
  t.say(`${label}: ${caller.aor} → ${callee.aor} established (callee saw ${upCallee.peeruri})`);

  const up = await gatewayCalls();
  t.note(`tabphone:calls while up:\n${up.text}`);
  const row = up.rows.find((r) => r.callee?.includes(`${callee.opts.user}@${domain}`));
  check(up.live === 1 && row, `${label}: tabphone:calls shows no call to ${callee.opts.user} while it is up:\n${up.text}`);
  check(row.state === 'ANSWERED', `${label}: tabphone:calls shows the call ${row.state}, not ANSWERED`);
  check(row.caller?.includes(`${caller.opts.user}@`), `${label}: tabphone:calls shows caller ${row.caller}`);
  check(row.branches === '1', `${label}: tabphone:calls shows ${row.branches} branches (a stale binding of ${callee.opts.user}?):\n${up.text}`);
  t.say(`${label}: tabphone:calls: ${row.call} ${row.caller} → ${row.callee} ${row.state}`);

  // 0.5 s skipped by the analysis, then at least 1 s of tone
  await sleep(Math.max(0, 1700 - (Date.now() - Math.max(upCaller.at, upCallee.at))));
  const [h, o] = hangupBy === 'caller' ? [caller, callee] : [callee, caller];
  const th = Date.now();
  const r = await h.hangup();
  check(r.ok, `${label}: hangup failed: ${r.data}`);
  const [closedH, closedO] = await Promise.all([
    h.waitEvent('CALL_CLOSED', { since: th, timeoutMs: 5000 }), o.waitEvent('CALL_CLOSED', { since: th, timeoutMs: 5000 })]);
  check(closedO, `${label}: the ${hangupBy === 'caller' ? 'callee' : 'caller'} got no CALL_CLOSED within 5 s of the ${hangupBy}'s hangup`);
  check(closedH, `${label}: the ${hangupBy} itself never closed the call`);
  t.measure(`${label}: ${hangupBy} hangup → far side closed (BYE)`, closedO.at - th);
  const after = await gatewayCalls();
  check(after.live === 0, `${label}: tabphone:calls shows ${after.live} live calls after the hangup:\n${after.text}`);

  for (const [who, b, hears, sends] of [['caller', caller, callee.opts.tone, caller.opts.tone], ['callee', callee, caller.opts.tone, callee.opts.tone]]) {
    const heard = await b.heard();
    t.note(`${label}: ${who} ${b.aor} heard ${JSON.stringify(heard)}`);
    const m = toneMatches(heard, hears);
    check(m.ok, `${label}: the ${who} ${b.aor} heard ${m.why} (the far side sends ${hears} Hz); recording ${heard.file}`);
    check(heard.seconds >= 0.8, `${label}: the ${who}'s recording has only ${heard.seconds} s after the first 0.5 s`);
    t.say(`${label}: the ${who} ${b.opts.user} (sends ${sends} Hz) hears ${heard.hz} Hz at ${heard.db} dBFS, ${Math.round(heard.share * 100)} % of the power, over ${heard.seconds} s`);
  }
}

/** The m=audio line of the first INVITE's SDP the caller sent, from its SIP trace. */
function offeredFormats(b) {
  const text = b.logTail(100000);
  const i = text.indexOf('INVITE sip:');
  const m = i >= 0 ? /^m=audio \d+ (\S+) ([\d ]+)/m.exec(text.slice(i)) : null;
  return m ? { proto: m[1], pts: m[2].trim().split(/\s+/) } : null;
}

await runTest('baresip-call', async (t) => {
  // bindings a killed phone of an earlier run left would fork the INVITEs to dead contacts
  for (const u of ['1002', '1003']) check(await clearBindings({ user: u }) === 200, `could not clear the bindings of ${u}`);
  // call 1: PCMU
  let [b2, b3] = await Promise.all([start('1002', 1000, 'pcmu'), start('1003', 600, 'pcmu')]);
  const t0 = Date.now();
  await Promise.all([b2.waitRegistered(), b3.waitRegistered()]);
  t.measure('both baresip registered (from ctrl_tcp up)', Date.now() - t0);
  const regs = await registrations();
  t.note(`tabphone:registrations baresip:\n${regs.join('\n')}`);
  for (const b of [b2, b3]) {
    const row = regs.find((l) => l.includes(`| ${b.opts.user} `) && l.includes(`127.0.0.1:${b.opts.sipPort}`));
    check(row, `tabphone:registrations lists no ${b.opts.user} at 127.0.0.1:${b.opts.sipPort}:\n${regs.join('\n')}`);
    check(/\| UDP /.test(row) && /baresip/.test(row), `tabphone:registrations shows ${b.opts.user} as: ${row}`);
  }
  t.say(`tabphone:registrations lists both phones over UDP (${regs.length} rows)`);
  await call(t, 'call 1 (PCMU)', b2, b3, 'caller');
  const f1 = offeredFormats(b2);
  check(f1 && f1.pts[0] === '0' && !f1.pts.includes('8'), `call 1: 1002 offered ${JSON.stringify(f1)}, not PCMU (0) without PCMA`);

  // call 2: PCMA only, the other way, the callee hangs up
  await stopAll();
  [b2, b3] = await Promise.all([start('1002', 1000, 'pcma'), start('1003', 600, 'pcma')]);
  await Promise.all([b2.waitRegistered(), b3.waitRegistered()]);
  await call(t, 'call 2 (PCMA)', b3, b2, 'callee');
  const f2 = offeredFormats(b3);
  check(f2 && f2.pts[0] === '8' && !f2.pts.includes('0'), `call 2: 1003 offered ${JSON.stringify(f2)}, not PCMA (8) without PCMU`);
  t.say(`offers: call 1 ${f1.proto} ${f1.pts.join(' ')}, call 2 ${f2.proto} ${f2.pts.join(' ')}`);

  // quitting un-REGISTERs: nothing of ours is left for a later test's INVITE to fork to
  const tq = Date.now();
  await stopAll();
  const left = await registrations();
  check(!left.some((l) => /\| 100[23] /.test(l)), `tabphone:registrations still lists a phone after baresip quit:\n${left.join('\n')}`);
  t.measure('both baresip quit (un-REGISTER answered)', Date.now() - tq);
}, { dir: 'baresip', timeoutMs: 30000, cleanup: stopAll });
