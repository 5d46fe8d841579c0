package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Calls}: call counters. */
public interface CallsMBean {
    int getActive();

    long getAttempts();

    long getAnswered();

    long getFailed();
}
