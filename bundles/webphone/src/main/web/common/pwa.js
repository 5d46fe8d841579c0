// The installable-app side: the service worker (sw.js beside the page, scope = the app's
// folder; it caches the shell so the phone opens offline) and the incoming-call notification
// shown while the tab is hidden.

const INCOMING_TAG = 'tabphone-incoming';

export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return null;
  try {
    return await navigator.serviceWorker.register('sw.js');
  } catch (e) {
    // not fatal: the phone works without it, it just is not installable/offline-capable
    console.info(`Tabphone: no service worker (${e.message || e})`);
    return null;
  }
}

/** Asks for permission to notify, from a user gesture (browsers ignore it otherwise). */
export function askNotificationPermission() {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    Notification.requestPermission().catch(() => {});
  }
}

/** Shows "Incoming call" when the page is hidden and notifications are allowed; returns whether it did. */
export async function notifyIncoming(from, icon) {
  if (document.visibilityState !== 'hidden' || typeof Notification === 'undefined'
      || Notification.permission !== 'granted') {
    return false;
  }
  const options = { body: from, tag: INCOMING_TAG, renotify: true, requireInteraction: true, icon };
  const reg = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : null;
  if (reg) {
    await reg.showNotification('Incoming call', options);
  } else {
    const n = new Notification('Incoming call', options);
    n.onclick = () => { window.focus(); n.close(); };
  }
  return true;
}

export async function closeIncomingNotification() {
  if (!('serviceWorker' in navigator)) return;
  const reg = await navigator.serviceWorker.getRegistration();
  if (!reg) return;
  for (const n of await reg.getNotifications({ tag: INCOMING_TAG })) n.close();
}
