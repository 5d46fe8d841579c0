// OPTIONS to a user's address of record, sent from the host over UDP like any phone would: the
// gateway forwards it to the user's registration (for a browser: over its WebSocket, the only
// way to reach a .invalid contact, RFC 7118 §5) and relays the answer back.
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { parseResponse } from './sip-query.mjs';

const rand = (n = 8) => randomBytes(n).toString('hex');

/** Resolves with the first final response (parsed), or rejects after timeoutMs. */
export function optionsToUser({ host = '127.0.0.1', port = 5060, domain, user, timeoutMs = 3000 }) {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    const timer = setTimeout(() => { sock.close(); reject(new Error(`no final answer to OPTIONS sip:${user}@${domain} within ${timeoutMs} ms`)); }, timeoutMs);
    sock.on('message', (buf) => {
      const r = parseResponse(buf.toString('utf8'));
      if (r.status < 200) return;
      clearTimeout(timer);
      sock.close();
      resolve(r);
    });
    sock.bind(0, '127.0.0.1', () => {
      const local = sock.address().port;
      const msg = [
        `OPTIONS sip:${user}@${domain} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};rport;branch=z9hG4bK${rand()}`,
        'Max-Forwards: 70',
        `To: <sip:${user}@${domain}>`,
        `From: <sip:e2e-probe@${domain}>;tag=${rand(4)}`,
        `Call-ID: ${rand()}@e2e`,
        'CSeq: 1 OPTIONS',
        'Accept: application/sdp',
        'Content-Length: 0',
        '', ''].join('\r\n');
      sock.send(msg, port, host);
    });
  });
}
