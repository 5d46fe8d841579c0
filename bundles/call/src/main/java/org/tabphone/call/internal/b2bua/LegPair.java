package org.tabphone.call.internal.b2bua;

import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * The two sides of an answered call as seen from a request that arrived on one of them:
 * {@code from} is the dialog it came in on, {@code to} the dialog (and path) it must go out on;
 * {@code media} shapes the SDP of offers and answers crossing over; {@code call} hears of refreshes.
 */
record LegPair(Dialog from, Dialog to, SipPath toPath, boolean fromCaller, CallMedia media, Call call) {
}
