package org.tabphone.trunk.sip.internal;

import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.auth.DigestChallenge;
import org.tabphone.sip.api.auth.DigestCredentials;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.trunk.api.TrunkSettings;

/** Answers a provider's 401 (registrar) or 407 (proxy) with the trunk's credentials (RFC 3261 §22.2, §22.3). */
final class TrunkDigest {
    private TrunkDigest() {
    }

    static Optional<Header> authorize(TrunkSettings s, SipResponse challenge, SipRequest request) {
        if (s.password().isEmpty() || s.authUser().isEmpty()) {
            return Optional.empty();
        }
        boolean proxy = challenge.statusCode() == 407;
        HeaderName asked = proxy ? HeaderName.PROXY_AUTHENTICATE : HeaderName.WWW_AUTHENTICATE;
        return DigestChallenge.firstSupported(challenge.headers(asked)).map(c -> new Header(
            proxy ? HeaderName.PROXY_AUTHORIZATION : HeaderName.AUTHORIZATION,
            DigestCredentials.answer(c, s.authUser(), s.password(), request.method().name(),
                request.requestUri().toString()).toString()));
    }
}
