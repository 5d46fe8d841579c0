// Assertions shared by the registration tests.
import { check } from './harness.mjs';
import { fetchBindings, parseContact, splitList } from './sip-query.mjs';
import { karaf } from './karaf.mjs';

/** The Contacts of a response as the page reported them (raw header values). */
export function contactsOf(response) {
  return (response?.contacts || []).flatMap(splitList).map(parseContact);
}

/** A 200 to a REGISTER lists the browser's own Contact (an .invalid host) with expires > 0. */
export function checkOwnBinding(label, result) {
  check(result.response, `${label}: no response seen`);
  check(result.response.status === 200, `${label}: REGISTER got ${result.response.status} ${result.response.reason}, not 200`);
  check(/\.invalid$/.test(result.ownHost), `${label}: the browser's Contact host ${result.ownHost} is not .invalid`);
  const contacts = contactsOf(result.response);
  const own = contacts.find((c) => c.host === result.ownHost);
  check(own, `${label}: the 200 lists no Contact for ${result.ownHost}: ${JSON.stringify(result.response.contacts)}`);
  const expires = Number(own.params.expires ?? result.response.expires);
  check(expires > 0, `${label}: the 200's Contact for ${result.ownHost} has expires=${own.params.expires}`);
  return { contact: own, expires };
}

/** Asks the registrar from the host (REGISTER without Contact over UDP) for user's bindings. */
export async function bindingsFromOutside(t, user, password) {
  const q = await fetchBindings({ host: '127.0.0.1', port: t.cfg.udpPort, domain: t.cfg.domain, user, password });
  t.note(`binding query for ${user}:\n${q.exchange.join('\n')}`);
  check(q.response.status === 200, `binding query for ${user} got ${q.response.status} ${q.response.reason}`);
  return q.contacts;
}

export async function checkBoundOutside(t, label, user, password, host) {
  const contacts = await bindingsFromOutside(t, user, password);
  const c = contacts.find((x) => x.host === host);
  check(c, `${label}: the gateway holds no binding for ${user} at ${host}; it lists ${contacts.map((x) => x.uri).join(', ') || 'none'}`);
  check(Number(c.params.expires) > 0, `${label}: the gateway's binding for ${host} has expires=${c.params.expires}`);
  t.say(`${label}: gateway holds ${c.uri} expires=${c.params.expires} (seen from outside the browser)`);
  const row = (await shellRegistrations(t)).find((l) => l.includes(`| ${user} `) && l.includes(host));
  check(row, `${label}: tabphone:registrations lists no ${user} at ${host}`);
  check(/\| WSS? /.test(row), `${label}: tabphone:registrations shows the wrong transport: ${row}`);
  t.say(`${label}: tabphone:registrations lists it: ${row.replace(/\s+/g, ' ').trim()}`);
  return c;
}

/** The rows of the operator's view, `tabphone:registrations <tenant>`. */
async function shellRegistrations(t) {
  const text = await karaf('tabphone:registrations demo');
  t.note(`tabphone:registrations demo:\n${text}`);
  return text.split(/\r?\n/).filter((l) => l.includes('|'));
}

export async function checkUnboundOutside(t, label, user, password, host) {
  const contacts = await bindingsFromOutside(t, user, password);
  check(!contacts.some((x) => x.host === host),
    `${label}: the gateway still holds a binding for ${user} at ${host}`);
  check(!(await shellRegistrations(t)).some((l) => l.includes(host)),
    `${label}: tabphone:registrations still lists ${user} at ${host}`);
}
