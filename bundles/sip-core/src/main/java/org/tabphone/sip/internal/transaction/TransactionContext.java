package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.transaction.SipTimer;
import org.tabphone.sip.api.transaction.TransactionTimers;
import org.tabphone.sip.api.transaction.TransactionUser;

/** What every transaction of one layer shares: its user, clock, timer values and table. */
record TransactionContext(TransactionUser user, SipTimer timer, TransactionTimers timers, TransactionTable table) {
}
