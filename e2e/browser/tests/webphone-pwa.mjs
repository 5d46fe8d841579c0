// The two softphones the gateway serves, used the way a person would: JsSIP 1001 "Alice" at
// https://<gw>:8443/phone/jssip/ (Chromium #1, fake microphone 440 Hz) and SIP.js 1002 "Bob"
// at /phone/sipjs/ (Chromium #2, 1 kHz). Checked: the landing page (at / and /phone/) links
// both; each manifest is valid (name, icons fetched and decoded, start_url, display standalone;
// Chromium's DevTools protocol reports no manifest errors, and no installability errors in a
// real profile) and a service worker controls the page after a reload; settings typed into the
// form register and are prefilled after a reload; Alice dials 1002 on the dial pad, Bob's phone rings and he answers, each side gets RTP and hears
// the other's microphone, hold/unhold (re-INVITE sendonly/sendrecv), mute, DTMF, hang up; Bob
// calls Alice back on his dial pad and she hangs up; /phone/jssip/?call=1002 dials at once and Bob declines
// (486: "busy"); a wrong password (both apps) shows the error, the right one then registers
// Carol (1003); Alice calls Bob and Bob transfers her to Carol (REFER; Alice then hears Carol);
// Alice calls Bob and transfers him to Carol herself (REFER from the caller: Bob's browser stays
// on its leg, no re-INVITE, and hears Carol);
// a refused microphone shows its error and places no call; a gateway address where nothing
// listens shows "Gateway unreachable" (both apps); the shell opens offline; no console
// error or warning on any page. Screenshots: $E2E_OUT/webphone/.
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { fakeCaptureWav } from '../lib/media.mjs';
import {
  originOf, watchConsole, screenshot, text, visible, waitStatus, fillSettings, dialByKeypad,
  waitText, checkManifest, checkInstallable, checkServiceWorker, shownSettings, checkMedia, sent,
} from './webphone-steps.mjs';

const alice = { app: 'jssip', label: 'jssip-1001', user: '1001', password: 'demo1001', name: 'Alice', tone: 440 };
const bob = { app: 'sipjs', label: 'sipjs-1002', user: '1002', password: 'demo1002', name: 'Bob', tone: 1000 };
const [wavA, wavB] = await Promise.all([fakeCaptureWav(alice.tone), fakeCaptureWav(bob.tone)]);
const problems = [];   // console errors and warnings of every page

/** Opens the phone, signs in through the settings form, checks manifest, service worker, prefill. */
async function setUpPhone(t, page, who) {
  const url = `${originOf(t.cfg)}/phone/${who.app}/`;
  await page.goto(url);
  await visible(page, '#settings');
  const server = await page.inputValue('#server');
  check(server === t.cfg.wss, `${who.app}: the server field says ${server}, not this page's gateway ${t.cfg.wss}`);
  await screenshot(t, page, `${who.app}-settings`);
  await fillSettings(page, who);
  const ms = await waitStatus(page, 'registered', { label: `${who.app} sign-in` });
  t.measure(`${who.app}: Save → "Registered" (${who.user} via ${server})`, ms);
  await checkManifest(t, page, who.app);
  await checkServiceWorker(t, page, who.app);   // reloads the page
  await waitStatus(page, 'registered', { label: `${who.app} after reload` });
  const s = await shownSettings(page);
  check(s.server === server && s.user === who.user && s.password === who.password && s.name === who.name,
    `${who.app}: after a reload the settings show ${JSON.stringify(s)}`);
  t.say(`${who.app}: after a reload it signed in again by itself, settings prefilled (${s.user}, ${s.name}, ${s.server})`);
  await screenshot(t, page, `${who.app}-idle`);
}

/** caller dials callee's number on the dial pad; callee sees it ring and answers; both connected. */
async function callAndAnswer(t, label, caller, callerPage, callee, calleePage, { byKeypad = true } = {}) {
  const t0 = performance.now();
  if (byKeypad) await dialByKeypad(callerPage, callee.user);
  else { await callerPage.fill('#number', callee.user); await callerPage.press('#number', 'Enter'); }
  await visible(calleePage, '#incoming');
  t.measure(`${label}: ${caller.app} Call → ${callee.app} rings`, performance.now() - t0);
  const from = await text(calleePage, '#incoming-peer');
  check(from === caller.name, `${label}: ${callee.app} shows the caller as "${from}", not "${caller.name}"`);
  await callerPage.locator('#call-state', { hasText: 'Ringing' }).waitFor({ timeout: 5000 });
  await screenshot(t, calleePage, `${callee.app}-ringing`);
  await screenshot(t, callerPage, `${caller.app}-calling`);
  const t1 = performance.now();
  await calleePage.click('#answer');
  for (const p of [callerPage, calleePage]) await p.locator('#call-state', { hasText: 'Connected' }).waitFor({ timeout: 8000 });
  t.measure(`${label}: ${callee.app} Answer → both show "Connected"`, performance.now() - t1);
}

async function hangUp(t, label, page, other) {
  await page.click('#hangup');
  for (const p of [page, other]) await visible(p, '#dialer', 5000);
  const n = await text(page, '#notice');
  check(/ended/.test(n), `${label}: after hanging up the page says "${n}"`);
  t.say(`${label}: hung up; both phones back at the dial pad ("${n}")`);
}

/** Hold and resume from `page`: the re-INVITEs it sends carry a=sendonly, then a=sendrecv. */
async function holdAndResume(t, label, page, who) {
  const before = sent(t, who.label, /^INVITE /).length;
  const reinvite = (re) => until(() => sent(t, who.label, /^INVITE /).slice(before).some((f) => re.test(f.payload)), { timeoutMs: 5000 });
  await page.click('#hold');
  await page.locator('#call-state', { hasText: 'On hold' }).waitFor({ timeout: 5000 });
  check(await reinvite(/^a=sendonly\r?$/m), `${label}: no re-INVITE with a=sendonly after Hold`);
  await new Promise((r) => setTimeout(r, 500));   // the re-INVITE transaction completes
  await page.click('#hold');
  await page.locator('#call-state', { hasText: 'Connected' }).waitFor({ timeout: 5000 });
  check(await reinvite(/^a=sendrecv\r?$/m), `${label}: no re-INVITE with a=sendrecv after Resume`);
  t.say(`${label}: Hold sent a re-INVITE with a=sendonly ("On hold"), Resume one with a=sendrecv ("Connected")`);
}

/** A fresh page of `app` as Carol (1003): a wrong password first, then the right one; returns it signed in. */
async function wrongPassword(t, ctx, app) {
  const page = await ctx.newPage();
  page.watch = watchConsole(page, `${app}-1003`, problems);
  await page.goto(`${originOf(t.cfg)}/phone/${app}/`);
  await fillSettings(page, { user: '1003', password: 'wrong', name: 'Carol' });
  await waitStatus(page, 'failed', { label: `${app} wrong password` });
  const err = await text(page, '#error');
  check(/Wrong user or password/.test(err) && /40[137]/.test(err), `${app}: a wrong password shows "${err}"`);
  await visible(page, '#settings');
  t.say(`${app}: a wrong password shows "${err}"`);
  await screenshot(t, page, `${app}-wrong-password`);
  // the right one from the same address registers (and clears the gateway's failure count)
  await fillSettings(page, { user: '1003', password: 'demo1003', name: 'Carol' });
  await waitStatus(page, 'registered', { label: `${app} right password after a wrong one` });
  return page;
}

/** A gateway address where nothing listens: "Gateway unreachable" (Chromium's own console error for the failed WebSocket is expected here). */
async function unreachable(t, page, app) {
  page.watch.paused = true;
  await page.click('#open-settings');
  await page.fill('#server', `wss://${t.cfg.gatewayIp}:1/ws`);
  await page.click('#save');
  await waitText(page, '#error', /^Gateway unreachable/, `${app}: a gateway address where nothing listens`);
  check(await page.locator('#status').getAttribute('data-state') === 'offline', `${app}: unreachable, but the status is not "offline"`);
  t.say(`${app}: nothing at the gateway address shows "${(await text(page, '#error')).slice(0, 70)}…"`);
  await signOut(page);
  page.watch.paused = false;
}

async function signOut(page) {
  await page.click('#open-settings');
  await page.click('#sign-out');
  await page.locator('#status[data-state="off"]').waitFor({ timeout: 5000 });
}

await runBrowserTest('webphone-pwa', async (t) => {
  const a = await t.openPage(alice.label);
  watchConsole(a, alice.label, problems);
  const second = await t.launchBrowser({ fakeAudioWav: wavB });
  const b = await second.openPage(bob.label);
  watchConsole(b, bob.label, problems);

  // the landing page, at / and at /phone/
  for (const path of ['/', '/phone/']) {
    await a.goto(`${originOf(t.cfg)}${path}`);
    const links = await a.evaluate(() => [...document.querySelectorAll('a.app-link')].map((l) => l.getAttribute('href')));
    check(links.includes('/phone/sipjs/') && links.includes('/phone/jssip/'), `landing page ${path} links ${links}`);
  }
  await screenshot(t, a, 'landing');
  t.say('landing page at / and /phone/ links /phone/sipjs/ and /phone/jssip/');

  await setUpPhone(t, a, alice);
  await setUpPhone(t, b, bob);
  await checkInstallable(t, ['jssip', 'sipjs']);
  await b.setViewportSize({ width: 390, height: 844 });
  await screenshot(t, b, 'sipjs-idle-phone-width');
  await b.setViewportSize({ width: 1280, height: 720 });

  // call 1: Alice (JsSIP) dials Bob (SIP.js) on the dial pad; Bob answers
  await callAndAnswer(t, 'call 1', alice, a, bob, b);
  await checkMedia(t, 'call 1', [{ page: a, label: 'JsSIP (Alice)', hears: bob.tone }, { page: b, label: 'SIP.js (Bob)', hears: alice.tone }]);
  await screenshot(t, a, 'jssip-in-call');
  await screenshot(t, b, 'sipjs-in-call');
  await a.click('#mute');
  check(await a.getAttribute('#mute', 'aria-pressed') === 'true', 'call 1: Mute is not shown pressed');
  check((await a.evaluate(() => window.tabphone.state())).call.muted, 'call 1: the call is not muted');
  await a.click('#mute');
  await holdAndResume(t, 'call 1 (JsSIP)', a, alice);
  await a.click('#show-dtmf');
  for (const d of '1#') await a.click(`#dtmf [data-key="${d}"]`);
  check(await text(a, '#dtmf-sent') === '1#', 'call 1: the keypad did not show the DTMF digits sent');
  check(sent(t, alice.label, /^INFO /).length === 0, 'call 1: DTMF went as SIP INFO, not RFC 4733 events');
  await hangUp(t, 'call 1', a, b);
  check((await text(a, '#history li:first-child')).includes('1002'), 'call 1: Alice\'s history does not list 1002');
  check((await text(b, '#history li:first-child')).includes('Alice'), 'call 1: Bob\'s history does not list Alice');

  // call 2: Bob (SIP.js) calls Alice back on his dial pad; Alice answers and hangs up
  await callAndAnswer(t, 'call 2', bob, b, alice, a);
  await checkMedia(t, 'call 2', [{ page: a, label: 'JsSIP (Alice)', hears: bob.tone }, { page: b, label: 'SIP.js (Bob)', hears: alice.tone }]);
  await holdAndResume(t, 'call 2 (SIP.js)', b, bob);
  await hangUp(t, 'call 2', a, b);

  // click to call: /phone/jssip/?call=1002 dials as soon as it has signed in; Bob declines
  const t0 = performance.now();
  await a.goto(`${originOf(t.cfg)}/phone/jssip/?call=${bob.user}`);
  await visible(b, '#incoming');
  t.measure('click to call: open /phone/jssip/?call=1002 → Bob\'s phone rings', performance.now() - t0);
  check(!a.url().includes('call='), `click to call: the address still holds the number (${a.url()}): a reload would dial again`);
  await b.click('#decline');
  await visible(a, '#dialer', 5000);
  await waitText(a, '#notice', /busy/, 'click to call: Alice after Bob declined');
  t.say(`click to call: dialled at once; Bob declined and Alice's phone says "${await text(a, '#notice')}"`);

  // a fresh profile (no saved settings): Carol (1003) on SIP.js, after a wrong password
  const fresh = await t.browser.newContext({ ignoreHTTPSErrors: true });
  const carol = await wrongPassword(t, fresh, 'sipjs');

  // call 3: Alice calls Bob (number typed, Enter); Bob (the callee, SIP.js) transfers her to
  // 1003 (REFER); Carol answers
  await callAndAnswer(t, 'call 3', alice, a, bob, b, { byKeypad: false });
  await b.click('#show-transfer');
  await b.fill('#transfer-target', '1003');
  await b.click('#transfer');
  await visible(carol, '#incoming');
  t.say(`call 3: Bob transferred the call to 1003; Carol's phone rings with "${await text(carol, '#incoming-peer')}"`);
  await carol.click('#answer');
  await carol.locator('#call-state', { hasText: 'Connected' }).waitFor({ timeout: 8000 });
  await visible(b, '#dialer', 5000);
  await waitText(b, '#notice', /^Transferred Alice to 1003/, 'call 3: Bob after the transfer');
  check(sent(t, bob.label, /^REFER /).some((f) => /^Refer-To: *<?sip:1003@/mi.test(f.payload)), 'call 3: Bob sent no REFER to 1003');
  check(await text(a, '#call-state') === 'Connected', `call 3: Alice's call says "${await text(a, '#call-state')}" after the transfer`);
  // Alice heard Bob's 1 kHz; now she must hear Carol (the same Chromium as Alice: 440 Hz)
  await checkMedia(t, 'call 3', [{ page: a, label: 'JsSIP (Alice)', hears: alice.tone }, { page: carol, label: 'SIP.js (Carol)', hears: alice.tone }]);
  t.say(`call 3: Bob's phone says "${await text(b, '#notice')}"`);
  await hangUp(t, 'call 3', a, carol);

  // call 4: Alice (JsSIP) calls Bob (SIP.js) and, as the caller, transfers him to 1003 (REFER on the
  // caller's leg); Carol answers. Bob is a browser that stays: he keeps his leg (same ICE and DTLS,
  // no re-INVITE) and now hears Carol (Alice's Chromium: 440 Hz) while she hears his 1 kHz
  await callAndAnswer(t, 'call 4', alice, a, bob, b, { byKeypad: false });
  const inviteOks = () => sent(t, bob.label, /^SIP\/2\.0 200 [^\r\n]*\r?\n[\s\S]*^CSeq: *\d+ INVITE/m).length;
  const oksBefore = inviteOks();
  await a.click('#show-transfer');
  await a.fill('#transfer-target', '1003');
  const t4 = performance.now();
  await a.click('#transfer');
  await visible(carol, '#incoming');
  await carol.click('#answer');
  await carol.locator('#call-state', { hasText: 'Connected' }).waitFor({ timeout: 8000 });
  t.measure('call 4: the caller\'s Transfer clicked → Carol connected', performance.now() - t4);
  await visible(a, '#dialer', 5000);
  await waitText(a, '#notice', /^Transferred .* to 1003/, 'call 4: Alice after the transfer');
  check(await text(b, '#call-state') === 'Connected', `call 4: Bob's call says "${await text(b, '#call-state')}" after the transfer`);
  await checkMedia(t, 'call 4', [{ page: b, label: 'SIP.js (Bob)', hears: alice.tone }, { page: carol, label: 'SIP.js (Carol)', hears: bob.tone }]);
  check(inviteOks() === oksBefore, 'call 4: Bob answered a re-INVITE (the browser that stays keeps its leg)');
  t.say(`call 4: Alice transferred Bob to 1003 and her phone says "${await text(a, '#notice')}"`);
  await hangUp(t, 'call 4', b, carol);
  await signOut(carol);
  await unreachable(t, carol, 'sipjs');
  await carol.close();

  // JsSIP: the wrong password too, then the microphone refused: a clear error, no call
  const j = await wrongPassword(t, fresh, 'jssip');
  await j.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await dialByKeypad(j, bob.user);
  await waitText(j, '#error', /^Microphone access denied/, 'microphone denied');
  check(await j.locator('#dialer').isVisible() && !(await b.locator('#incoming').isVisible()),
    'microphone denied: a call was placed anyway');
  t.say(`jssip: microphone denied shows "${await text(j, '#error')}" and places no call`);
  await signOut(j);
  await unreachable(t, j, 'jssip');
  await fresh.close();

  await signOut(a);
  await signOut(b);
  t.say('both signed out (un-REGISTER)');

  // the shell offline: the service worker serves the page and its script
  await t.context.setOffline(true);
  await a.reload();
  await visible(a, '#settings');
  check(await a.evaluate(() => !!window.tabphone), 'offline: the app script did not run');
  await t.context.setOffline(false);
  t.say('offline: /phone/jssip/ opens from the service worker\'s cache');

  check(problems.length === 0, `console errors or warnings:\n${problems.join('\n')}`);
  t.say('no console errors or warnings on any page');
}, { timeoutMs: 120000, fakeAudioWav: wavA });
