// Blind transfer from the softphone that placed the call (REFER on the caller's leg, issues 5 and
// 9): the gateway's PWA (WEBPHONE_APP: sipjs or jssip) signs in as "Alice" (1001 of tenant
// "baresip", fake microphone 440 Hz) through its settings form, dials baresip 1002 "Bob" (plain
// RTP, 1 kHz, auto-answer), then clicks Transfer to 1003: baresip "Carol" (1600 Hz) rings with Bob
// as the caller and answers; Bob keeps his media leg, now bridged to Carol's; Alice's phone
// is back at the dial pad saying "Transferred". Checked: the REFER the page sent, Bob's call never
// closed, one live call at the gateway, Carol hears Bob's 1 kHz and Bob (after the transfer)
// Carol's 1600 Hz, Bob's hang-up reaches Carol. Needs tenant "baresip" (e2e/baresip/tenant.sh add).
import { runBrowserTest, check } from '../lib/harness.mjs';
import { startBaresip, baresipTenant, clearBindings } from '../lib/baresip.mjs';
import { toneMatches } from '../lib/audio.mjs';
import { fakeCaptureWav } from '../lib/media.mjs';
import { gatewayCalls } from '../lib/karaf.mjs';
import { originOf, fillSettings, waitStatus, visible, text, sent } from './webphone-steps.mjs';

const app = process.env.WEBPHONE_APP || 'sipjs';
const domain = baresipTenant.domain;
const alice = { user: `1001@${domain}`, password: baresipTenant.password('1001'), name: 'Alice', tone: 440 };
const bob = { user: '1002', tone: 1000 };
const carol = { user: '1003', tone: 1600 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let pb = null;
let pc = null;

for (const u of ['1001', '1002', '1003']) {
  check(await clearBindings({ user: u }) === 200, `could not clear the bindings of ${u}@${domain}`);
}
const wav = await fakeCaptureWav(alice.tone);

await runBrowserTest(`webphone-transfer-${app}`, async (t) => {
  [pb, pc] = await Promise.all([
    startBaresip({ name: `transfer-${app}-1002`, user: bob.user, tone: bob.tone }),
    startBaresip({ name: `transfer-${app}-1003`, user: carol.user, tone: carol.tone }),
  ]);
  const label = `${app}-1001`;
  const a = await t.openPage(label);
  await a.goto(`${originOf(t.cfg)}/phone/${app}/`);
  await fillSettings(a, alice);
  await waitStatus(a, 'registered', { label: `${app} sign-in as ${alice.user}` });
  await Promise.all([pb.waitRegistered(), pc.waitRegistered()]);
  t.say(`${app} phone registered as ${alice.user}; baresip ${pb.aor} (${bob.tone} Hz) and ${pc.aor} (${carol.tone} Hz)`);

  const t0 = Date.now();
  await a.fill('#number', bob.user);
  await a.press('#number', 'Enter');
  await a.locator('#call-state', { hasText: 'Connected' }).waitFor({ timeout: 8000 });
  const upB = await pb.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 3000 });
  check(upB, `Bob never got CALL_ESTABLISHED:\n${pb.logTail(30)}`);
  t.measure(`${app} Call → Bob answered`, upB.at - t0);
  await sleep(800);

  const t1 = Date.now();
  await a.click('#show-transfer');
  await a.fill('#transfer-target', carol.user);
  await a.click('#transfer');
  const upC = await pc.waitEvent('CALL_ESTABLISHED', { since: t1, timeoutMs: 8000 });
  check(upC, `Carol never answered the transfer:\n${pc.logTail(30)}`);
  check(/1002@/.test(upC.peeruri || ''), `Carol's call is not from Bob: ${JSON.stringify(upC)}`);
  t.measure('Transfer clicked → Carol answered', upC.at - t1);
  await visible(a, '#dialer', 8000);
  const tDone = Date.now();
  const notice = await text(a, '#notice');
  check(/^Transferred .* to 1003/.test(notice), `after the transfer Alice's phone says "${notice}"`);
  t.measure('Transfer clicked → Alice back at the dial pad', tDone - t1);
  check(sent(t, label, /^REFER /).some((f) => /^Refer-To: *<?sip:1003@/mi.test(f.payload)), `${app} sent no REFER to 1003`);
  t.say(`Carol rang from ${upC.peeruri} and answered; Alice's phone says "${notice}"`);

  check(!pb.events.some((e) => e.type === 'CALL_CLOSED' && e.at >= t0), 'Bob\'s call closed during the transfer');
  const calls = await gatewayCalls();
  check(calls.live === 1 && calls.rows[0]?.state === 'ANSWERED', `tabphone:calls after the transfer:\n${calls.text}`);
  await sleep(2500); // Bob and Carol talk

  const tHang = Date.now();
  await pb.hangup();
  const closed = await pc.waitEvent('CALL_CLOSED', { since: tHang, timeoutMs: 5000 });
  check(closed, 'Carol\'s call did not close when Bob hung up');
  t.measure('Bob hangs up → Carol closed', closed.at - tHang);
  const heardC = await pc.heard();
  const c = toneMatches(heardC, bob.tone);
  check(c.ok, `Carol did not hear Bob's ${bob.tone} Hz: ${c.why} (${heardC.file})`);
  // Bob's recording starts when Alice's call did: what he heard after the transfer is Carol
  const recs = pb.recordings();
  const skip = recs.length > 1 ? 0.5 : (tDone - upB.at) / 1000 + 0.5;
  const heardB = await pb.heard({ skip });
  const b = toneMatches(heardB, carol.tone);
  check(b.ok, `Bob did not hear Carol's ${carol.tone} Hz after the transfer: ${b.why} (${heardB.file}, from ${skip} s)`);
  t.say(`tones: Carol hears ${c.why}, Bob hears ${b.why} (after the transfer)`);
  // the phone's own BYE after the final NOTIFY (its leg is released) is answered 200, not 481
  const byeAnswers = t.frames.filter((f) => f.label === label && f.dir === 'in' && f.payload.startsWith('SIP/2.0 ') && /^SIP\/2\.0 \d+ [^\r\n]*\r?\n[\s\S]*^CSeq: *\d+ BYE/m.test(f.payload));
  check(byeAnswers.length > 0 && byeAnswers.every((f) => /^SIP\/2\.0 200 /.test(f.payload)),
    `Alice's BYE after the transfer was answered ${byeAnswers.map((f) => f.payload.split('\r\n')[0]).join(', ') || 'never'}`);
  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls after the hang-up:\n${after.text}`);
}, {
  timeoutMs: 60000,
  fakeAudioWav: wav,
  cleanup: async () => { await Promise.all([pb?.stop(), pc?.stop()]); },
});
