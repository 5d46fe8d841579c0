// A relay-only call through coturn with the gateway's ephemeral TURN credentials (issue 9): the
// demo tenant gets STUN/TURN settings (ice.stun.urls, ice.turn.urls, ice.turn.secret — coturn's
// static-auth-secret) through the console; GET /phone/ice.json with the user's own SIP
// credentials (HTTP Basic over HTTPS) hands out the servers and a fresh TURN user name/password
// (401 for a wrong password); JsSIP 1001 calls SIP.js 1002 with those servers and
// iceTransportPolicy "relay": the browser's only candidates are coturn's relay addresses, ICE
// with the gateway's ICE-Lite and DTLS run through coturn, and tones go both ways.
// Needs coturn's turnserver (e2e/tests/webphone-turn.sh starts it on 198.51.100.1:3479).
import https from 'node:https';
import { runBrowserTest, check } from '../lib/harness.mjs';
import { fakeCaptureWav, checkRemoteTones } from '../lib/media.mjs';
import { karaf } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };
const turnHost = process.env.TURN_HOST || '198.51.100.1';
const secret = process.env.TURN_SECRET || 'e2e-north';

function getIce(host, port, user, password) {
  return new Promise((resolve, reject) => {
    const req = https.get({ host, port, path: '/phone/ice.json', rejectUnauthorized: false,
      headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
  });
}

async function demoTenantPid() {
  const list = await karaf("config:list '(&(service.factoryPid=org.tabphone.tenant)(name=demo))'");
  const m = /^Pid:\s+(\S+)/m.exec(list);
  check(m, `no demo tenant configuration:\n${list}`);
  return m[1];
}

const wav = await fakeCaptureWav(alice.tone);
const pid = await demoTenantPid();

await runBrowserTest('turn-relay', async (t) => {
  await karaf(`config:property-set -p ${pid} ice.stun.urls stun:${turnHost}:3479`);
  await karaf(`config:property-set -p ${pid} ice.turn.urls turn:${turnHost}:3479?transport=udp`);
  await karaf(`config:property-set -p ${pid} ice.turn.secret ${secret}`);
  const gw = new URL(t.cfg.wss);
  let ice = null;
  for (let i = 0; i < 30; i++) { // the tenant reloads within a second or two
    const r = await getIce(gw.hostname, gw.port, `${alice.user}@${t.cfg.domain}`, alice.password);
    check(r.status === 200 && /^application\/json/.test(r.type), `GET /phone/ice.json: ${r.status} ${r.body}`);
    ice = JSON.parse(r.body).iceServers;
    if (ice.some((s) => s.username)) break;
    ice = null;
    await new Promise((res) => setTimeout(res, 200));
  }
  check(ice, 'GET /phone/ice.json never listed a TURN server');
  const turn = ice.find((s) => s.username);
  const expiry = Number(turn.username.split(':')[0]);
  check(turn.username.endsWith(`:${alice.user}`) && expiry > Date.now() / 1000 + 3000,
    `TURN user name ${turn.username} is not <expiry in about an hour>:${alice.user}`);
  const wrong = await getIce(gw.hostname, gw.port, `${alice.user}@${t.cfg.domain}`, 'not-the-password');
  check(wrong.status === 401, `a wrong password got ${wrong.status}, not 401`);
  t.say(`GET /phone/ice.json: ${JSON.stringify(ice.map((s) => s.urls))}, TURN user ${turn.username}; a wrong password gets 401`);

  const b = await t.openPage('sipjs-1002');
  const rb = await b.evaluate((x) => window.e2e.sipjsRegister(x),
    { id: 'bob', server: t.cfg.wss, aor: `sip:${bob.user}@${t.cfg.domain}`, username: bob.user, password: bob.password,
      call: { tone: bob.tone } });
  check(rb.event === 'Registered', `SIP.js 1002 got ${rb.event}, not Registered`);
  const a = await t.openPage('jssip-1001');
  const ra = await a.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'alice', server: t.cfg.wss, uri: `sip:${alice.user}@${t.cfg.domain}`, password: alice.password });
  check(ra.event === 'registered', `JsSIP 1001 got ${ra.event}, not registered`);

  const key = 'relay';
  const t0 = Date.now();
  await a.evaluate((x) => window.e2e.jssipCall(x), { id: 'alice', key, target: `sip:${bob.user}@${t.cfg.domain}`,
    tone: 'mic', pcConfig: { iceServers: ice, iceTransportPolicy: 'relay' } });
  const inc = await b.evaluate((x) => window.e2e.waitIncoming(x), { id: 'bob', index: 0, timeoutMs: 8000 });
  check(inc.key, 'SIP.js never rang');
  await b.evaluate((x) => window.e2e.sipjsAnswer(x), { key: inc.key });
  const pc = await a.evaluate((x) => window.e2e.waitCall(x), { key, events: ['pc:connected', 'pc:failed'], timeoutMs: 10000 });
  check(pc.event === 'pc:connected', `JsSIP's relay-only peer connection reached ${pc.event}, not connected`);
  t.measure('relay-only call → connected through coturn', pc.at - t0);
  const report = await a.evaluate((x) => window.e2e.mediaReport(x), { key, ms: 500 });
  t.note(`JsSIP's media report: ${JSON.stringify(report)}`);
  check(/relay/.test(report.pair?.local || ''), `JsSIP's selected candidate is not a relay candidate: ${JSON.stringify(report.pair)}`);
  t.say(`JsSIP's selected ICE pair: ${report.pair.local} ⇄ ${report.pair.remote} (DTLS ${report.pair.dtls})`);
  await checkRemoteTones(t, 'relay-only call', [{ page: a, key, who: 'JsSIP (relay)', hears: bob.tone },
    { page: b, key: inc.key, who: 'SIP.js', hears: alice.tone }]);
  await a.evaluate((x) => window.e2e.hangup(x), { key });
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
}, { timeoutMs: 40000, fakeAudioWav: wav, cleanup: async () => {
  for (const k of ['ice.stun.urls', 'ice.turn.urls', 'ice.turn.secret']) {
    await karaf(`config:property-delete -p ${pid} ${k}`).catch(() => {});
  }
} });
