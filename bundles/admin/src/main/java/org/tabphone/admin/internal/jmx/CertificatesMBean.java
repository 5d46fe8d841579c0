package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Certificates}: the TLS certificates chosen by SNI. */
public interface CertificatesMBean {
    /** Certificates served now (the default included). */
    int getServed();

    /** Files listed but not served: expired, not yet valid, unreadable, key missing or not matching. */
    int getProblems();

    /** One line per certificate: {@code file | names | not-after | status | detail}. */
    String[] getCertificates();
}
