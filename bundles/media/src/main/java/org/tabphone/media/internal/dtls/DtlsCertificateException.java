package org.tabphone.media.internal.dtls;

/** A DTLS certificate could not be created or loaded; the message says why and names the file. */
public final class DtlsCertificateException extends Exception {

    private static final long serialVersionUID = 1L;

    public DtlsCertificateException(String message) {
        super(message);
    }

    public DtlsCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
