package org.tabphone.transport.internal.tls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.netty.handler.ssl.SslContext;

import org.tabphone.transport.api.TlsCertificate;
import org.tabphone.transport.api.TlsCertificate.Status;

/**
 * A certificate source after loading: what the shell shows, plus the context to serve while it
 * is valid ({@code context} is null when key and certificate could not be used at all).
 */
record LoadedCertificate(TlsCertificate info, SslContext context, Instant notBefore) {

    static LoadedCertificate invalid(String source, String reason) {
        return new LoadedCertificate(new TlsCertificate(source, List.of(), Optional.empty(), Status.INVALID, reason),
            null, Instant.MIN);
    }

    static LoadedCertificate usable(String source, List<String> names, Instant notBefore, Instant notAfter,
                                    SslContext context, Instant now) {
        return new LoadedCertificate(new TlsCertificate(source, names, Optional.of(notAfter), Status.OK, ""),
            context, notBefore).at(now);
    }

    boolean served() {
        return context != null && info.status() == Status.OK;
    }

    Instant notAfter() {
        return info.notAfter().orElse(Instant.MIN);
    }

    /** The status at {@code now}: a certificate expires (or becomes valid) without its file changing. */
    LoadedCertificate at(Instant now) {
        if (context == null || info.status() == Status.INVALID) {
            return this;
        }
        Status s = now.isAfter(notAfter()) ? Status.EXPIRED : now.isBefore(notBefore) ? Status.NOT_YET_VALID : Status.OK;
        if (s == info.status()) {
            return this;
        }
        String detail = switch (s) {
            case EXPIRED -> "expired " + notAfter() + ": not served";
            case NOT_YET_VALID -> "valid only from " + notBefore + ": not served";
            default -> "";
        };
        return new LoadedCertificate(new TlsCertificate(info.source(), info.names(), info.notAfter(), s, detail),
            context, notBefore);
    }

    /** After a failed reload of a served certificate: keep serving the previous version, and say why. */
    LoadedCertificate keeping(LoadedCertificate previous) {
        TlsCertificate p = previous.info();
        return new LoadedCertificate(new TlsCertificate(p.source(), p.names(), p.notAfter(), p.status(),
            "new version " + info.status() + " (" + info.detail() + "); still serving the previous version"),
            previous.context(), previous.notBefore());
    }
}
