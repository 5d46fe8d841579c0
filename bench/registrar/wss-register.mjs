// Opens COUNT WebSocket connections (subprotocol "sip") to the gateway, registers a different user
// over each one with MD5 digest (REGISTER, 401, REGISTER with Authorization, 200), then keeps the
// sockets open and idle until SIGTERM/SIGINT (or exits at once with --no-hold).
//
// node wss-register.mjs --url wss://127.0.0.1:18443/ws --domain wss.bench.test --first 200000 \
//      --count 10000 [--concurrency 100] [--no-hold]
// Users are <first>..<first+count-1> with password "pw<user>" (e2e/sipp/make-tenant.sh).
// stdout: "READY registered=<n> failed=<n> seconds=<s> rate=<n/s>" once every registration ended,
// then "CLOSING open=<n> droppedWhileIdle=<n> keepAlivesAnswered=<n>" on SIGTERM.
// Exit status (no-hold): 0 when every user got its 200.
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
  return acc;
}, []));
const url = args.url ?? 'wss://127.0.0.1:18443/ws';
const domain = args.domain ?? 'wss.bench.test';
const first = Number(args.first ?? 200000);
const count = Number(args.count ?? 10000);
const concurrency = Number(args.concurrency ?? 100);
const hold = !args['no-hold'];

const md5 = (s) => createHash('md5').update(s).digest('hex');
const token = (n) => randomBytes(n).toString('hex');

const sockets = [];
let registered = 0;
let failed = 0;
let droppedWhileIdle = 0;
let keepAlives = 0;
const failures = new Map();
let idle = false;

function headerValues(text, name) {
  const head = text.split('\r\n\r\n')[0].split('\r\n').slice(1);
  const lower = name.toLowerCase();
  return head.filter((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase() === lower)
    .map((l) => l.slice(l.indexOf(':') + 1).trim());
}

function digestParams(value) {
  if (!/^digest\s/i.test(value)) return null;
  const p = {};
  for (const m of value.slice(7).matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) {
    p[m[1].toLowerCase()] = m[2] ?? m[3];
  }
  return p;
}

function register(s, authorization) {
  s.cseq += 1;
  return [
    `REGISTER sip:${domain} SIP/2.0`,
    `Via: SIP/2.0/WSS ${s.host};branch=z9hG4bK${token(8)}`,
    'Max-Forwards: 70',
    `To: <sip:${s.user}@${domain}>`,
    `From: <sip:${s.user}@${domain}>;tag=${s.tag}`,
    `Call-ID: ${s.callId}`,
    `CSeq: ${s.cseq} REGISTER`,
    `Contact: <sip:${s.contactUser}@${s.host};transport=ws>`,
    'Expires: 3600',
    ...(authorization ? [`Authorization: ${authorization}`] : []),
    'User-Agent: tabphone-bench-wss',
    'Content-Length: 0',
    '', '',
  ].join('\r\n');
}

function authorization(s, ch) {
  const uri = `sip:${domain}`;
  const cnonce = token(8);
  const nc = '00000001';
  const ha1 = md5(`${s.user}:${ch.realm}:pw${s.user}`);
  const ha2 = md5(`REGISTER:${uri}`);
  const qopAuth = (ch.qop ?? '').split(',').map((q) => q.trim()).includes('auth');
  const response = qopAuth ? md5(`${ha1}:${ch.nonce}:${nc}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${ch.nonce}:${ha2}`);
  let v = `Digest username="${s.user}", realm="${ch.realm}", nonce="${ch.nonce}", uri="${uri}", response="${response}", algorithm=MD5`;
  if (qopAuth) v += `, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
  if (ch.opaque !== undefined) v += `, opaque="${ch.opaque}"`;
  return v;
}

// a request from the gateway (none expected): answer 200 so nothing retransmits
function answer(ws, text) {
  const keep = ['via', 'from', 'to', 'call-id', 'cseq']
    .flatMap((h) => headerValues(text, h).map((v) => `${h === 'call-id' ? 'Call-ID' : h === 'cseq' ? 'CSeq' : h[0].toUpperCase() + h.slice(1)}: ${v}`));
  ws.send(['SIP/2.0 200 OK', ...keep, 'Content-Length: 0', '', ''].join('\r\n'));
}

function registerOne(index) {
  return new Promise((resolve) => {
    const s = {
      user: String(first + index), host: `${token(6)}.invalid`, contactUser: token(4), tag: token(5),
      callId: token(12), cseq: 0, done: false,
    };
    const finish = (ok, why) => {
      if (s.done) return;
      s.done = true;
      if (ok) registered += 1;
      else {
        failed += 1;
        failures.set(why, (failures.get(why) ?? 0) + 1);
        s.ws.terminate();
      }
      resolve();
    };
    const ws = new WebSocket(url, 'sip', { rejectUnauthorized: false, perMessageDeflate: false, handshakeTimeout: 30000 });
    s.ws = ws;
    sockets.push(ws);
    const timer = setTimeout(() => finish(false, 'no final answer in 30 s'), 30000);
    ws.on('open', () => ws.send(register(s)));
    ws.on('message', (data) => {
      const text = data.toString('utf8');
      if (/^[\r\n]*$/.test(text)) { // RFC 5626 CRLFCRLF keep-alive: pong with CRLF
        if (text.length >= 4) { keepAlives += 1; ws.send('\r\n'); }
        return;
      }
      if (!text.startsWith('SIP/2.0 ')) { answer(ws, text); return; }
      const code = Number(text.slice(8, 11));
      if (code === 401 && s.cseq === 1) {
        const ch = headerValues(text, 'WWW-Authenticate').map(digestParams)
          .find((p) => p && (!p.algorithm || p.algorithm.toUpperCase() === 'MD5'));
        if (!ch) { clearTimeout(timer); finish(false, '401 without an MD5 challenge'); return; }
        ws.send(register(s, authorization(s, ch)));
      } else if (code >= 200) {
        clearTimeout(timer);
        finish(code === 200, `${code} to CSeq ${s.cseq}`);
      }
    });
    ws.on('error', (e) => { clearTimeout(timer); finish(false, `socket error: ${e.code ?? e.message}`); });
    ws.on('close', () => {
      if (idle && s.done) droppedWhileIdle += 1;
      clearTimeout(timer);
      finish(false, 'closed before 200');
    });
  });
}

const started = process.hrtime.bigint();
let next = 0;
async function worker() {
  while (next < count) {
    await registerOne(next++);
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
idle = true;
console.log(`READY registered=${registered} failed=${failed} seconds=${seconds.toFixed(1)} rate=${(registered / seconds).toFixed(0)}`);
for (const [why, n] of failures) console.error(`failed: ${n} x ${why}`);

if (!hold) {
  for (const ws of sockets) ws.close(1000);
  setTimeout(() => process.exit(failed === 0 ? 0 : 1), 500);
} else {
  const stop = () => {
    const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
    console.log(`CLOSING open=${open} droppedWhileIdle=${droppedWhileIdle} keepAlivesAnswered=${keepAlives}`);
    for (const ws of sockets) ws.terminate();
    setTimeout(() => process.exit(0), 200);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => { }, 1 << 30); // stay alive while idle
}
