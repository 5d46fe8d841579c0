// A look at the registrar from outside the browser: a REGISTER without Contact (RFC 3261 §10.2.3,
// "fetching bindings") over UDP from the host, answering the digest challenge, so the 200 lists
// the bindings the gateway holds for the AOR. It changes nothing.
import dgram from 'node:dgram';
import { createHash, randomBytes } from 'node:crypto';

const rand = (n = 8) => randomBytes(n).toString('hex');
const md5 = (s) => createHash('md5').update(s).digest('hex');
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/** Parses a SIP response into {status, reason, headers: [[name, value]...]} (names lower-case, compact forms expanded). */
export function parseResponse(text) {
  const [head] = text.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const m = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(lines[0]);
  if (!m) throw new Error(`not a SIP response: ${lines[0]}`);
  const compact = { m: 'contact', i: 'call-id', f: 'from', t: 'to', v: 'via', l: 'content-length' };
  const headers = [];
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line) && headers.length) { headers[headers.length - 1][1] += ' ' + line.trim(); continue; }
    const i = line.indexOf(':');
    if (i < 0) continue;
    let name = line.slice(0, i).trim().toLowerCase();
    name = compact[name] || name;
    headers.push([name, line.slice(i + 1).trim()]);
  }
  return { status: Number(m[1]), reason: m[2], headers, raw: text };
}

/** Splits a header value at commas that are outside quotes and <>. */
export function splitList(value) {
  const out = []; let cur = ''; let quoted = false; let angle = false;
  for (const ch of value) {
    if (ch === '"' ) quoted = !quoted;
    else if (!quoted && ch === '<') angle = true;
    else if (!quoted && ch === '>') angle = false;
    if (ch === ',' && !quoted && !angle) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** "<sip:a@b.invalid;transport=ws>;expires=600" → {uri: 'sip:a@b.invalid;transport=ws', host: 'b.invalid', params: {expires: '600'}} */
export function parseContact(value) {
  const m = /^\s*(?:"[^"]*"\s*|[^<"]*)?<([^>]*)>(.*)$/.exec(value);
  const uri = m ? m[1] : value.split(';')[0].trim();
  const rest = m ? m[2] : value.slice(value.indexOf(';') >= 0 ? value.indexOf(';') : value.length);
  const params = {};
  for (const p of rest.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [k, ...v] = p.split('=');
    params[k.toLowerCase()] = v.length ? v.join('=').replace(/^"(.*)"$/, '$1') : '';
  }
  const hostm = /^sips?:(?:[^@]*@)?([^;:?>]+)/i.exec(uri);
  return { uri, host: hostm ? hostm[1].toLowerCase() : '', params };
}

export function parseChallenge(value) {
  const m = /^Digest\s+(.*)$/i.exec(value);
  if (!m) return null;
  const params = {};
  for (const part of splitList(m[1])) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    params[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return params;
}

export function digestAuthorization(ch, { user, password, method, uri }) {
  const algorithm = (ch.algorithm || 'MD5').toUpperCase();
  const h = algorithm === 'SHA-256' ? sha256 : md5;
  const ha1 = h(`${user}:${ch.realm}:${password}`);
  const ha2 = h(`${method}:${uri}`);
  const qop = ch.qop ? ch.qop.split(',').map((s) => s.trim()).find((q) => q === 'auth') : undefined;
  const cnonce = rand(8); const nc = '00000001';
  const response = qop ? h(`${ha1}:${ch.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${ch.nonce}:${ha2}`);
  let v = `Digest username="${user}", realm="${ch.realm}", nonce="${ch.nonce}", uri="${uri}", response="${response}", algorithm=${algorithm}`;
  if (qop) v += `, qop=${qop}, nc=${nc}, cnonce="${cnonce}"`;
  if (ch.opaque !== undefined) v += `, opaque="${ch.opaque}"`;
  return v;
}

/**
 * Fetches the bindings of user@domain from the registrar at host:port (UDP).
 * Returns {response, contacts: [{uri, host, params}], exchange: [text...]}.
 */
export async function fetchBindings({ host = '127.0.0.1', port = 5060, domain, user, password, timeoutMs = 3000 }) {
  const sock = dgram.createSocket('udp4');
  await new Promise((res, rej) => { sock.once('error', rej); sock.bind(0, '127.0.0.1', res); });
  const local = sock.address();
  const callId = `${rand(10)}@e2e-query`;
  const fromTag = rand(6);
  const ruri = `sip:${domain}`;
  const exchange = [];
  const send = (cseq, extra = []) => new Promise((resolve, reject) => {
    const branch = `z9hG4bK${rand(10)}`;
    const msg = [
      `REGISTER ${ruri} SIP/2.0`,
      `Via: SIP/2.0/UDP ${local.address}:${local.port};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:${user}@${domain}>;tag=${fromTag}`,
      `To: <sip:${user}@${domain}>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} REGISTER`,
      ...extra,
      'User-Agent: tabphone-e2e-binding-query',
      'Content-Length: 0', '', ''].join('\r\n');
    exchange.push(msg);
    const timer = setTimeout(() => { sock.off('message', onMsg); reject(new Error(`no final response to REGISTER query within ${timeoutMs} ms`)); }, timeoutMs);
    const onMsg = (buf) => {
      const text = buf.toString('utf8');
      let r;
      try { r = parseResponse(text); } catch { return; }
      const via = r.headers.find(([n]) => n === 'via');
      if (!via || !via[1].includes(branch)) return;
      exchange.push(text);
      if (r.status < 200) return;
      clearTimeout(timer); sock.off('message', onMsg); resolve(r);
    };
    sock.on('message', onMsg);
    sock.send(msg, port, host);
  });
  try {
    let r = await send(1);
    if (r.status === 401) {
      const challenges = r.headers.filter(([n]) => n === 'www-authenticate').map(([, v]) => parseChallenge(v)).filter(Boolean);
      const ch = challenges.find((c) => !c.algorithm || c.algorithm.toUpperCase() === 'MD5') || challenges[0];
      if (!ch) throw new Error('401 without a Digest challenge');
      r = await send(2, [`Authorization: ${digestAuthorization(ch, { user, password, method: 'REGISTER', uri: ruri })}`]);
    }
    const contacts = r.headers.filter(([n]) => n === 'contact').flatMap(([, v]) => splitList(v)).map(parseContact);
    return { response: r, contacts, exchange };
  } finally {
    sock.close();
  }
}
