package org.tabphone.transport.api;

import java.util.List;

/**
 * The certificates TLS and WSS choose from by SNI (exact name, then wildcard, then the
 * default), re-read live from the certificates folder. For the shell and JMX.
 */
public interface TlsCertificates {

    /** The default certificate first (when configured), then the folder's files by name. */
    List<TlsCertificate> certificates();
}
