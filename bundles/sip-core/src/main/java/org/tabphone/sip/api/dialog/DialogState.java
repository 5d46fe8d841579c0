package org.tabphone.sip.api.dialog;

/** RFC 3261 §12: early (after a 1xx with a To tag), confirmed (after a 2xx), terminated. */
public enum DialogState {
    EARLY,
    CONFIRMED,
    TERMINATED
}
