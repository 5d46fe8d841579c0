// Every failure the phone can show, in words a user can act on. The adapters report
// {kind, status, reason, detail}; these turn them into the banner's text.

const CALL_ENDINGS = {
  busy: 'is busy',
  declined: 'declined the call',
  'not-found': 'does not exist here',
  unavailable: 'is not available right now',
  'no-answer': 'did not answer',
  cancelled: 'call cancelled',
  rejected: 'call rejected',
};

/** A registration that did not work. */
export function registrationError({ kind, status, reason }, server) {
  switch (kind) {
    case 'auth':
      return `Wrong user or password: the gateway answered ${status} ${reason || ''}`.trim()
        + '. Check them in Settings.';
    case 'unreachable':
      return `Gateway unreachable: no WebSocket connection to ${server}. Check the address and your network;`
        + ' with a self-signed certificate, open the gateway\'s https:// address once and accept it.';
    case 'timeout':
      return `The gateway did not answer the registration (${server}).`;
    default:
      return `Registration failed: ${status ? `${status} ${reason || ''}`.trim() : reason || 'unknown error'}.`;
  }
}

/** The microphone could not be opened: getUserMedia's error name → what to do. */
export function microphoneError(name) {
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Microphone access denied: allow the microphone for this site (the icon in the address bar) and try again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return 'No microphone found: connect one and try again.';
  }
  if (name === 'NotReadableError') {
    return 'The microphone is in use by another program, or could not be started.';
  }
  return `The microphone could not be opened (${name || 'unknown error'}).`;
}

/** How a call ended, when it did not end normally: a sentence, or null for a normal end. */
export function callEnding({ cause, status, reason, detail }, peer) {
  if (cause === 'mic') return microphoneError(detail);
  if (cause === 'hangup' || cause === 'answered-elsewhere') return null;
  if (cause === 'unreachable') return 'The connection to the gateway was lost; the call ended.';
  if (cause === 'auth') return `The gateway refused the call: ${status} ${reason || ''}`.trim() + '.';
  const what = CALL_ENDINGS[cause];
  const code = status ? ` (${status} ${reason || ''})`.replace(/ \)$/, ')') : '';
  if (what) return `${peer} ${what}${code}.`.replace(/^(.)/, (c) => c.toUpperCase());
  return `The call failed${code || (reason ? `: ${reason}` : '')}.`;
}

/** SIP status → our cause words (shared by both adapters). */
export function causeOfStatus(status) {
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 404 || status === 604) return 'not-found';
  if (status === 480 || status === 410) return 'unavailable';
  if (status === 408) return 'no-answer';
  if (status === 487) return 'cancelled';
  if (status === 401 || status === 407 || status === 403) return 'auth';
  return 'rejected';
}
