// sipp (Debian's sip-tester) as the SIP phone at the other end of a browser call: one scenario
// run per call, its message trace parsed so a test can time sipp's messages against the browser's
// events (both on this machine's clock, epoch milliseconds).
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const sippDir = join(here, '..', '..', 'sipp');
export const sippOut = join(process.env.E2E_OUT || join(here, '..', '..', 'target'), 'sipp');

/** A UDP port free on 127.0.0.1 right now (for a sipp that must register and then listen on it). */
export function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * Starts sipp with scenario (a file in e2e/sipp/) and args; files go to $E2E_OUT/sipp/<name>.*
 * (stdout, errors, message trace). Returns {name, done: Promise<{code, ms, errors, messages, out}>, ready()}.
 * ready() resolves once sipp's UDP socket is bound on host:port (for a UAS that waits for the gateway).
 */
export function startSipp(name, scenario, args, { timeoutS = 20, port = null, host = '127.0.0.1' } = {}) {
  mkdirSync(sippOut, { recursive: true });
  const files = { out: join(sippOut, `${name}.out`), err: join(sippOut, `${name}.errors.log`), msg: join(sippOut, `${name}.msg.log`) };
  Object.values(files).forEach((f) => rmSync(f, { force: true })); // sipp appends: a rerun must not read old errors
  const argv = ['-sf', join(sippDir, scenario), ...args, '-m', '1', '-nostdin', '-timeout', `${timeoutS}s`,
    '-trace_err', '-error_file', files.err, '-trace_msg', '-message_file', files.msg, '-trace_screen', '-screen_file', files.out];
  const t0 = Date.now();
  const child = spawn('sipp', argv, { cwd: sippOut, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      const read = (p) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
      resolve({ name, code: code ?? signal, ms: Date.now() - t0, stderr, errors: read(files.err).trim(),
        messages: parseMessageLog(read(files.msg)), files, argv });
    });
  });
  const ready = async () => {
    for (let i = 0; i < 100; i++) {
      if (port && await portBound(port, host)) return true;
      if (child.exitCode !== null) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  };
  return { name, child, done, ready };
}

/** Runs sipp to its end; fails the test with its own words unless it exits 0 with an empty error file. */
export async function runSipp(name, scenario, args, opts) {
  return checkSipp(await startSipp(name, scenario, args, opts).done);
}

export function checkSipp(r) {
  if (r.code !== 0 || r.errors) {
    const tail = (s) => s.split('\n').slice(-15).join('\n');
    throw new Error(`sipp ${r.name} exited ${r.code}; errors:\n${tail(r.errors) || '(none)'}\n${r.stderr ? tail(r.stderr) : ''}` +
      `\nmessage trace: ${r.files.msg}\n${r.messages.slice(-3).map((m) => `[${m.dir}] ${m.text.split('\n').slice(0, 12).join('\n')}`).join('\n')}`);
  }
  return r;
}

function portBound(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.once('error', () => resolve(true));   // EADDRINUSE: sipp has it
    s.bind(port, host, () => s.close(() => resolve(false)));
  });
}

/** sipp's -trace_msg file → [{at (epoch ms), dir: 'sent'|'received', first (start line), text}]. */
export function parseMessageLog(text) {
  const out = [];
  const re = /^-{10,} (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+)\r?\n(?:UDP|TCP) message (sent|received)[^\n]*\n/gm;
  const heads = [...text.matchAll(re)];
  heads.forEach((m, i) => {
    const body = text.slice(m.index + m[0].length, i + 1 < heads.length ? heads[i + 1].index : text.length).replace(/^\s+/, '');
    const at = new Date(`${m[1]}T${m[2].slice(0, 12)}`).getTime();   // sipp writes local time
    out.push({ at, dir: m[3], first: body.split(/\r?\n/)[0], text: body });
  });
  return out;
}

/** The first message of the trace whose start line matches re (and dir, if given). */
export function findMessage(r, re, dir) {
  return r.messages.find((m) => re.test(m.first) && (!dir || m.dir === dir));
}
