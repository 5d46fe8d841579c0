// The gateway's Karaf console over ssh (as e2e/run.sh's karaf_ssh does), for tests that look at
// live state: tabphone:calls, tabphone:registrations.
import { execFile } from 'node:child_process';

const port = process.env.SSH_PORT || '8101';

/** Runs one console command; resolves with its output. */
export function karaf(command, { timeoutMs = 15000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile('sshpass', ['-p', 'admin', 'ssh', '-q', '-p', port, '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=3', 'admin@127.0.0.1', command],
    { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`karaf "${command}" failed: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * tabphone:calls parsed: {rows: [{call, tenant, caller, callee, state, branches, duration}],
 * live, attempts, answered, failed, text}.
 */
export async function gatewayCalls() {
  const text = await karaf('tabphone:calls');
  const rows = tableRows(text);
  const m = /(\d+) live; (\d+) attempts, (\d+) answered, (\d+) failed/.exec(text);
  if (!m) throw new Error(`tabphone:calls printed no counters:\n${text}`);
  return { rows, live: +m[1], attempts: +m[2], answered: +m[3], failed: +m[4], text };
}

/** The rows of a ShellTable printout, keyed by lower-case column title. */
export function tableRows(text) {
  const rows = [];
  let header = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.includes('|')) continue;
    const cells = line.split('|').map((c) => c.trim());
    if (!header) { header = cells.map((c) => c.toLowerCase()); continue; }
    if (cells.every((c) => /^-*$/.test(c))) continue;
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  }
  return rows;
}

/**
 * tabphone:media parsed: {rows: [{session, call, leg, kind, port, remote, codec, transcoding, dtls,
 * 'pkts in', 'pkts out', lost, dropped}], text}.
 */
export async function gatewayMedia() {
  const text = await karaf('tabphone:media');
  if (!/\d+ sessions; /.test(text)) throw new Error(`tabphone:media printed no counters:\n${text}`);
  return { rows: tableRows(text), text };
}

/**
 * tabphone:trunks parsed: {rows: [{trunk, tenant, provider, status, since, detail, in, out,
 * 'limits in/out/total', held, refused}], text}.
 */
export async function gatewayTrunks() {
  const text = await karaf('tabphone:trunks');
  if (!/\d+ trunks/.test(text)) throw new Error(`tabphone:trunks printed no count:\n${text}`);
  return { rows: tableRows(text), text };
}

/**
 * tabphone:agents parsed: {agents: [{agent, tenant, numbers, type, available, endpoint}],
 * calls: [{agent, caller, number, 'call-id', up, transfer, 'rtp in/out'}], count (the "N agent
 * calls" line), sip (where in-process agents answer), text}.
 */
export async function gatewayAgents() {
  const text = await karaf('tabphone:agents');
  const m = /(\d+) agent calls/.exec(text);
  if (!m) throw new Error(`tabphone:agents printed no call count:\n${text}`);
  const [head, tail = ''] = text.split(/in-process agents answer SIP on .*/);
  return { agents: tableRows(head), calls: tableRows(tail), count: +m[1],
    sip: /in-process agents answer SIP on (\S+)/.exec(text)?.[1] || null, text };
}
