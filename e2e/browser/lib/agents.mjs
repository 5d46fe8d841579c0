// Steps shared by the agent tests (e2e/tests/agent-*.sh): a browser caller hands over to a
// colleague by an agent's REFER, and what must hold afterwards. Speech is judged by its level
// (window.e2e.remoteLevels), tones by checkRemoteTones.
import { check, until } from './harness.mjs';
import { gatewayAgents, gatewayCalls, gatewayMedia } from './karaf.mjs';
import { checkByeAnswered } from './calls.mjs';
import { checkRemoteTones } from './media.mjs';

/** Speech from espeak-ng is around -20 dBFS (RMS); an agent's silence is digital silence. */
export const LOUD_DB = -40;

/**
 * Alice (SIP.js, page sipjs-<user>, answering with her tone) and Bob (JsSIP, page jssip-<user>,
 * the fake microphone) registered to {@code domain}; returns their pages {a, b}.
 */
export async function registerAliceAndBob(t, { domain, alice, bob }) {
  const a = await t.openPage(`sipjs-${alice.user}`);
  const ra = await a.evaluate((x) => window.e2e.sipjsRegister(x),
    { id: 'alice', server: t.cfg.wss, aor: `sip:${alice.user}@${domain}`, username: alice.user, password: alice.password,
      call: { tone: alice.tone } });
  check(ra.event === 'Registered', `SIP.js ${alice.user} got ${ra.event}, not Registered`);
  const b = await t.openPage(`jssip-${bob.user}`);
  const rb = await b.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'bob', server: t.cfg.wss, uri: `sip:${bob.user}@${domain}`, password: bob.password });
  check(rb.event === 'registered', `JsSIP ${bob.user} got ${rb.event}, not registered`);
  return { a, b };
}

/**
 * Bob's call to {@code number} with his microphone, answered (confirmed), its remote track kept
 * playing so each later analysis hears what arrives then; returns the confirmed event.
 */
export async function bobCallsAndListens(b, { key, number, domain }) {
  await b.evaluate((x) => window.e2e.jssipCall(x), { id: 'bob', key, target: `sip:${number}@${domain}`, tone: 'mic' });
  const conf = await b.evaluate((x) => window.e2e.waitCall(x), { key, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
  check(conf.event === 'confirmed', `Bob's call to ${number}: ${conf.event} ${conf.cause || ''}, not confirmed`);
  const sink = await b.evaluate((x) => window.e2e.playRemote(x), { key });
  check(!sink.error, `Bob: ${sink.error}`);
  return conf;
}

/** The events of a call so far, by name. */
export async function callEvents(page, key) {
  return (await page.evaluate((x) => window.e2e.callState(x), { key })).events.map((e) => e.event);
}

/** The caller's call must still be up, never re-INVITEd: an agent's REFER leaves the caller's leg alone. */
export async function checkCallerUntouched(label, page, key) {
  const s = await callEvents(page, key);
  check(!s.includes('ended') && !s.includes('failed') && !s.includes('reinvite'), `${label}: the caller's call saw ${s.join(', ')}`);
}

/**
 * The SIP.js colleague (id) rings — its `index`-th call, From the caller's user — and answers.
 * Returns {key, invite, established}.
 */
export async function colleagueAnswers(t, label, { page, id, index, callerUser, timeoutMs = 8000 }) {
  const inc = await page.evaluate((x) => window.e2e.waitIncoming(x), { id, index, timeoutMs });
  check(inc.key, `${label}: ${id} never rang`);
  const invite = inc.events.find((e) => e.event === 'invite');
  check(new RegExp(`^sip:${callerUser}@`).test(invite.from), `${label}: ${id}'s INVITE is not from ${callerUser}: From ${invite.from}`);
  t.say(`${label}: ${id} rings: From ${invite.from}, Request-URI ${invite.ruri}`);
  await page.evaluate((x) => window.e2e.sipjsAnswer(x), { key: inc.key });
  const up = await page.evaluate((x) => window.e2e.waitCall(x), { key: inc.key, events: ['state:Established', 'state:Terminated'], timeoutMs: 5000 });
  check(up.event === 'state:Established', `${label}: ${id}'s call reached ${up.event}`);
  await page.evaluate((x) => window.e2e.playRemote(x), { key: inc.key });
  return { key: inc.key, invite, established: up };
}

/**
 * After a transfer: the agent has no call left, tabphone:media shows the two WebRTC legs only,
 * tabphone:calls one answered call, each end hears the other's tone, the caller's leg was never
 * touched; then the caller hangs up, the colleague gets the BYE and no call is left.
 */
export async function checkTransferredCall(t, { caller, colleague }) {
  const gone = await until(async () => { const g = await gatewayAgents(); return g.count === 0 ? g : null; }, { timeoutMs: 5000, everyMs: 200 });
  check(gone, `the agent still has a call after the transfer:\n${(await gatewayAgents()).text}`);
  t.say('tabphone:agents: 0 agent calls after the transfer');
  const media = await until(async () => { const m = await gatewayMedia(); return m.rows.length === 2 ? m : null; }, { timeoutMs: 5000, everyMs: 200 })
    || await gatewayMedia();
  t.note(`tabphone:media after the transfer:\n${media.text}`);
  check(media.rows.length === 2 && media.rows.every((row) => row.kind === 'WEBRTC' && row.dtls === 'CONNECTED'),
    `tabphone:media should show the caller's and the colleague's WebRTC legs only:\n${media.text}`);
  const calls = await gatewayCalls();
  check(calls.live === 1 && calls.rows[0]?.state === 'ANSWERED', `tabphone:calls after the transfer:\n${calls.text}`);
  await checkRemoteTones(t, 'after the transfer', [
    { page: caller.page, key: caller.key, who: caller.who, hears: colleague.tone },
    { page: colleague.page, key: colleague.key, who: colleague.who, hears: caller.tone },
  ]);
  await checkCallerUntouched('after the transfer', caller.page, caller.key);

  await caller.page.evaluate((x) => window.e2e.hangup(x), { key: caller.key });
  const bye = await colleague.page.evaluate((x) => window.e2e.waitCall(x), { key: colleague.key, events: ['bye', 'state:Terminated'], timeoutMs: 3000 });
  check(bye.event === 'bye' || bye.event === 'state:Terminated', `${colleague.who} got no BYE when ${caller.who} hung up`);
  await checkByeAnswered(t, `${caller.who} hangs up`, colleague.pageLabel, colleague.callId);
  const after = await until(async () => { const c = await gatewayCalls(); return c.live === 0 ? c : null; }, { timeoutMs: 3000, everyMs: 200 });
  check(after, `tabphone:calls after the hangup:\n${(await gatewayCalls()).text}`);
}
