// JsSIP with a wrong password (1003/wrong, WSS) gets registrationFailed with cause
// "Authentication Error" on a 401, and no binding; then the right password from the same page
// (same source address) registers, so one wrong try does not lock the user out — and the
// success clears the gateway's failure count, keeping this test repeatable.
import { runBrowserTest, check } from '../lib/harness.mjs';
import { checkOwnBinding, checkUnboundOutside } from '../lib/checks.mjs';

const user = '1003', password = 'demo1003';

await runBrowserTest('browser-jssip-wrong-password', async (t) => {
  const page = await t.openPage('wss');
  const uri = `sip:${user}@${t.cfg.domain}`;
  const bad = await page.evaluate((a) => window.e2e.jssipRegister(a),
    { id: 'wrong', server: t.cfg.wss, uri, password: 'wrong' });
  check(bad.event === 'registrationFailed',
    `wrong password: JsSIP got ${bad.event}${bad.response ? ` with ${bad.response.status} ${bad.response.reason}` : ''}, not registrationFailed`);
  check(bad.cause === 'Authentication Error', `wrong password: cause is "${bad.cause}", not "Authentication Error"`);
  check(bad.response && bad.response.status === 401, `wrong password: final response ${bad.response?.status} ${bad.response?.reason}, not 401`);
  // the failure must come from the wrong password, not from a challenge JsSIP could not answer:
  // it sent a REGISTER with an Authorization header, and that one got the final 401
  const sent = t.frames.filter((f) => f.dir === 'out' && /^REGISTER /.test(f.payload));
  const authed = sent.filter((f) => /^Authorization: *Digest /mi.test(f.payload));
  check(authed.length === 1,
    `wrong password: JsSIP sent ${sent.length} REGISTER(s), ${authed.length} with credentials; expected one answer to the challenge`);
  const cseq = /^CSeq: *(\d+) REGISTER/mi.exec(authed[0].payload)[1];
  const final = t.frames.find((f) => f.dir === 'in' && new RegExp(`^CSeq: *${cseq} REGISTER`, 'mi').test(f.payload));
  check(final && /^SIP\/2\.0 401 /.test(final.payload),
    `wrong password: the REGISTER with credentials (CSeq ${cseq}) got ${final ? final.payload.split('\r\n')[0] : 'no response'}`);
  t.measure('wrong password: JsSIP start → registrationFailed (401 to its credentials, Authentication Error)', bad.ms);
  await checkUnboundOutside(t, 'wrong password', user, password, bad.ownHost);
  await page.evaluate((a) => window.e2e.jssipStop(a), { id: 'wrong' });

  const good = await page.evaluate((a) => window.e2e.jssipRegister(a),
    { id: 'right', server: t.cfg.wss, uri, password });
  check(good.event === 'registered',
    `right password after a wrong one: JsSIP got ${good.event}${good.cause ? ` (${good.cause})` : ''}${good.response ? ` with ${good.response.status} ${good.response.reason}` : ''}`);
  checkOwnBinding('right password', good);
  t.measure('right password after a wrong one: JsSIP start → registered', good.ms);
  const u = await page.evaluate((a) => window.e2e.jssipUnregister(a), { id: 'right' });
  check(u.response && u.response.status === 200, `right password: un-REGISTER got ${u.response?.status}`);
  await page.evaluate((a) => window.e2e.jssipStop(a), { id: 'right' });
});
