// baresip (Debian's baresip-core 1.0.0) as a real SIP phone in the Node tests: started through
// e2e/baresip/baresip.sh (headless, private config dir, aufile tone source, sndfile recordings,
// auto-answer), driven over its ctrl_tcp socket (netstring JSON commands; its events arrive on
// the same connection and are kept with their arrival time). Node's standard library only, so
// the tests that use it need no `npm ci`.
//
//   const b = await startBaresip({ name: 'b1002', user: '1002', domain, password, tone: 1000 });
//   await b.waitRegistered();
//   await b.dial('sip:1003@...');  const up = await b.waitEvent('CALL_ESTABLISHED');
//   await b.hangup();  await b.waitEvent('CALL_CLOSED');
//   const heard = await b.heard();            // the dominant tone of what it received
//   await b.stop();
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { dominantTone } from './audio.mjs';
import { digestAuthorization, parseChallenge, parseResponse } from './sip-query.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const baresipDir = join(here, '..', '..', 'baresip');
export const baresipOut = join(process.env.E2E_OUT || join(here, '..', '..', 'target'), 'baresip');
/** The MD5-only tenant e2e/baresip/tenant.sh adds (baresip 1.0 cannot answer the demo tenant's SHA-256 challenge). */
export const baresipTenant = { domain: process.env.BARESIP_DOMAIN || 'baresip.tabphone.test', password: (user) => `pw${user}` };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const live = new Set();
process.on('exit', () => { for (const p of live) { try { p.kill('SIGKILL'); } catch { /* gone */ } } });

function canBind(kind, port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    if (kind === 'udp') {
      const s = dgram.createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, host, () => s.close(() => resolve(true)));
    } else {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, host, () => s.close(() => resolve(true)));
    }
  });
}

/**
 * Ports for one baresip: SIP (UDP and TCP on sip, TLS on sip+1: baresip 1.0 always opens all
 * three), ctrl_tcp, and an RTP range of 100 — all free on 127.0.0.1 right now.
 */
export async function freeBaresipPorts(sipIp = '127.0.0.1') {
  for (let i = 0; i < 200; i++) {
    const sip = 21000 + 2 * Math.floor(Math.random() * 2000);
    const ctrl = sip + 1 + 4000 + Math.floor(Math.random() * 100) * 2;
    if (await canBind('udp', sip, sipIp) && await canBind('tcp', sip, sipIp) && await canBind('tcp', sip + 1, sipIp)
        && await canBind('tcp', ctrl)) {
      const rtp = 30000 + 100 * Math.floor(Math.random() * 300);
      return { sipPort: sip, ctrlPort: ctrl, rtpPorts: `${rtp}-${rtp + 99}` };
    }
  }
  throw new Error('no free ports for baresip on 127.0.0.1');
}

/** Reads netstrings (`<len>:<payload>,`) from a byte stream; calls onMessage with each parsed JSON. */
function netstringReader(onMessage) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const colon = buf.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(buf.subarray(0, colon).toString());
      const end = colon + 1 + len;
      if (buf.length < end + 1) return;
      const payload = buf.subarray(colon + 1, end).toString();
      buf = buf.subarray(end + 1);
      try { onMessage(JSON.parse(payload)); } catch { onMessage({ unparsed: payload }); }
    }
  };
}

export class Baresip {
  constructor(opts, child, dir) {
    Object.assign(this, { opts, child, dir, name: opts.name, aor: `sip:${opts.user}@${opts.domain}` });
    this.log = join(dir, 'baresip.log');
    this.events = [];            // {at (epoch ms), type, class, param, peeruri, id, direction, ...}
    this.pending = new Map();    // token → resolve
    this.seq = 0;
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => { live.delete(child); resolve(code ?? signal); }));
  }

  async connect({ timeoutMs = 5000 } = {}) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        this.sock = await new Promise((resolve, reject) => {
          const s = net.connect(this.opts.ctrlPort, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        break;
      } catch (e) {
        if (this.child.exitCode !== null || Date.now() > end) {
          throw new Error(`baresip ${this.name}: no ctrl_tcp on 127.0.0.1:${this.opts.ctrlPort} (${e.message}); log ${this.log}:\n${this.logTail()}`);
        }
        await sleep(50);
      }
    }
    this.sock.on('data', netstringReader((m) => {
      if (m.response) {
        const r = this.pending.get(m.token);
        if (r) { this.pending.delete(m.token); r(m); }
      } else if (m.event) {
        this.events.push({ at: Date.now(), ...m });
      }
    }));
    this.sock.on('error', () => {});
    // baresip 1.0's ctrl_tcp keeps one connection: another client (ctrl.sh) takes it over, and
    // the events go there from then on
    this.sock.on('close', () => { this.ctrlClosedAt = Date.now(); });
  }

  /** Runs a menu command (dial, hangup, accept, reginfo, listcalls, callstat, ...); resolves with {ok, data}. */
  async cmd(command, params, { timeoutMs = 5000 } = {}) {
    if (this.ctrlClosedAt && this.child.exitCode === null) { this.ctrlClosedAt = null; await this.connect(); }
    const token = `t${++this.seq}`;
    const body = JSON.stringify(params ? { command, params, token } : { command, token });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(token); reject(new Error(`baresip ${this.name}: no answer to ${command} within ${timeoutMs} ms`)); }, timeoutMs);
      this.pending.set(token, (m) => { clearTimeout(timer); resolve({ ok: !!m.ok, data: m.data || '' }); });
      this.sock.write(`${Buffer.byteLength(body)}:${body},`);
    });
  }

  dial(uri) { return this.cmd('dial', uri); }
  hangup() { return this.cmd('hangup'); }
  accept() { return this.cmd('accept'); }

  /**
   * Waits for an event of `type` (e.g. CALL_ESTABLISHED, CALL_CLOSED, CALL_INCOMING, REGISTER_OK)
   * at or after `since` (epoch ms; default: any seen so far). Resolves with it, or null on timeout.
   */
  async waitEvent(type, { since = 0, timeoutMs = 5000, where = () => true } = {}) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const e = this.events.find((x) => x.type === type && x.at >= since && where(x));
      if (e) return e;
      if (Date.now() > end || this.child.exitCode !== null) {
        if (this.ctrlClosedAt) this.events.push({ at: Date.now(), type: 'E2E_NOTE', param: 'ctrl_tcp connection was taken over or closed: events missed' });
        return null;
      }
      await sleep(10);
    }
  }

  /** Polls reginfo until the account shows OK (its REGISTER_OK event may come before ctrl_tcp is connected). */
  async waitRegistered({ timeoutMs = 5000 } = {}) {
    const end = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = (await this.cmd('reginfo')).data.replace(/\x1b\[[0-9;]*m/g, '');
      if (/\bOK\b/.test(last)) return last.trim();
      if (Date.now() > end) {
        throw new Error(`baresip ${this.name} (${this.aor}) not registered after ${timeoutMs} ms: ${last.trim()}\n${this.logTail(40)}`);
      }
      await sleep(50);
    }
  }

  /** The recordings sndfile wrote, newest first: [{dec, enc, mtime}] (one pair per call). */
  recordings() {
    const rec = join(this.dir, 'rec');
    if (!existsSync(rec)) return [];
    const files = readdirSync(rec).filter((f) => /^dump-.*-dec\.wav$/.test(f));
    return files.map((f) => ({ dec: join(rec, f), enc: join(rec, f.replace(/-dec\.wav$/, '-enc.wav')), mtime: statSync(join(rec, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
  }

  /** The dominant tone of what it heard in its last call (the decoded audio): {hz, db, rms_db, share, seconds, file}. */
  async heard({ skip = 0.5 } = {}) {
    const r = this.recordings()[0];
    if (!r) throw new Error(`baresip ${this.name} recorded nothing in ${join(this.dir, 'rec')}`);
    try {
      return { ...(await dominantTone(r.dec, { skip })), file: r.dec };
    } catch (e) {
      throw new Error(`baresip ${this.name} recorded no usable audio in ${r.dec} (no RTP reached it?): ${e.message}`);
    }
  }

  logTail(n = 25) {
    try { return readFileSync(this.log, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
  }

  /** The SIP messages baresip's trace logged (start lines), for a failure message or a check. */
  sipTrace() {
    const text = (() => { try { return readFileSync(this.log, 'utf8'); } catch { return ''; } })().replace(/\x1b\[[0-9;]*m/g, '');
    return [...text.matchAll(/^(?:UDP|TCP|TLS) (\S+) -> (\S+)\r?\n(.*)$/gm)].map((m) => ({ from: m[1], to: m[2], first: m[3].trim() }));
  }

  /** Quits baresip (the `quit` command, then SIGTERM, then SIGKILL). */
  async stop() {
    if (this.child.exitCode !== null) return this.exited;
    try { await this.cmd('quit', null, { timeoutMs: 1000 }); } catch { /* it may close before answering */ }
    const quick = await Promise.race([this.exited, sleep(1500).then(() => 'slow')]);
    if (quick === 'slow') {
      this.child.kill('SIGTERM');
      if (await Promise.race([this.exited, sleep(1000).then(() => 'slow')]) === 'slow') this.child.kill('SIGKILL');
    }
    this.sock?.destroy();
    return this.exited;
  }
}

/**
 * Starts one baresip (see e2e/baresip/baresip.sh for the options) in $E2E_OUT/baresip/<name>/
 * (emptied first) and connects to its ctrl_tcp. Options: name, user, password, domain,
 * registrar ('127.0.0.1:5060'), tone (Hz or a WAV path), codec ('pcmu'|'pcma'), rtpIp,
 * dtls (bool), answer ('auto'|'manual'), lifetime (s), sipPort/ctrlPort/rtpPorts (default: free ones),
 * sipIp (default 127.0.0.1; e.g. 127.0.0.2 for a trunk provider), register (default true).
 */
export async function startBaresip(o) {
  const opts = { domain: baresipTenant.domain, registrar: `127.0.0.1:${process.env.SIP_UDP_PORT || 5060}`, tone: 1000, codec: 'pcmu',
    rtpIp: '127.0.0.1', dtls: false, answer: 'auto', lifetime: 120, ...o };
  if (!opts.password) opts.password = baresipTenant.password(opts.user);
  if (!opts.sipPort || !opts.ctrlPort || !opts.rtpPorts) Object.assign(opts, await freeBaresipPorts(opts.sipIp), o);
  const dir = join(baresipOut, opts.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [dir, '--user', opts.user, '--password', opts.password, '--domain', opts.domain, '--registrar', opts.registrar,
    '--sip-port', String(opts.sipPort), '--ctrl-port', String(opts.ctrlPort), '--tone', String(opts.tone), '--codec', opts.codec,
    '--rtp-ip', opts.rtpIp, '--rtp-ports', opts.rtpPorts, '--answer', opts.answer, '--lifetime', String(opts.lifetime)];
  if (opts.dtls) args.push('--dtls');
  if (opts.sipIp) args.push('--sip-ip', opts.sipIp);
  if (opts.register === false) args.push('--no-register');
  const child = spawn(join(baresipDir, 'baresip.sh'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const b = new Baresip(opts, child, dir);
  try {
    await b.connect();
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${stderr}`);
  }
  return b;
}

/**
 * Removes every binding of user@domain (REGISTER with `Contact: *`, `Expires: 0`, RFC 3261
 * §10.2.2, answering the MD5 challenge): a phone killed by an earlier run leaves its binding, and
 * an INVITE forked to that dead contact changes the call under test. Resolves with the final status.
 */
export async function clearBindings({ user, password = baresipTenant.password(user), domain = baresipTenant.domain,
  host = '127.0.0.1', port = Number(process.env.SIP_UDP_PORT || 5060), timeoutMs = 3000 }) {
  const sock = dgram.createSocket('udp4');
  await new Promise((res, rej) => { sock.once('error', rej); sock.bind(0, '127.0.0.1', res); });
  const local = sock.address();
  const rand = (n) => randomBytes(n).toString('hex');
  const callId = `${rand(8)}@e2e-clear`;
  const tag = rand(4);
  const ruri = `sip:${domain}`;
  const send = (cseq, extra = []) => new Promise((resolve, reject) => {
    const branch = `z9hG4bK${rand(8)}`;
    const msg = [`REGISTER ${ruri} SIP/2.0`, `Via: SIP/2.0/UDP ${local.address}:${local.port};branch=${branch};rport`,
      'Max-Forwards: 70', `From: <sip:${user}@${domain}>;tag=${tag}`, `To: <sip:${user}@${domain}>`, `Call-ID: ${callId}`,
      `CSeq: ${cseq} REGISTER`, 'Contact: *', 'Expires: 0', ...extra, 'Content-Length: 0', '', ''].join('\r\n');
    const timer = setTimeout(() => { sock.off('message', on); reject(new Error(`no answer to the un-REGISTER of ${user}@${domain}`)); }, timeoutMs);
    const on = (buf) => {
      let r;
      try { r = parseResponse(buf.toString()); } catch { return; }
      if (r.status < 200 || !r.headers.some(([n, v]) => n === 'via' && v.includes(branch))) return;
      clearTimeout(timer); sock.off('message', on); resolve(r);
    };
    sock.on('message', on);
    sock.send(msg, port, host);
  });
  try {
    let r = await send(1);
    if (r.status === 401 || r.status === 407) {
      const chs = r.headers.filter(([n]) => n === 'www-authenticate' || n === 'proxy-authenticate').map(([, v]) => parseChallenge(v)).filter(Boolean);
      const ch = chs.find((c) => !c.algorithm || c.algorithm.toUpperCase() === 'MD5') || chs[0];
      const hdr = r.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      r = await send(2, [`${hdr}: ${digestAuthorization(ch, { user, password, method: 'REGISTER', uri: ruri })}`]);
    }
    return r.status;
  } finally {
    sock.close();
  }
}
