package org.tabphone.registrar.internal;

import java.util.Optional;
import java.util.OptionalLong;

import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.uri.Uri;

/**
 * What one Contact of a REGISTER asks for: its URI, lifetime (the {@code expires} param, else the
 * Expires header, else the default; capped at the maximum, RFC 3261 §10.3 step 7) and its
 * RFC 5626 instance and reg-id.
 */
record ContactUpdate(Uri uri, long expiresSeconds, String instanceId, int regId) {

    /** Empty when the contact's expires or reg-id parameter is malformed. */
    static Optional<ContactUpdate> of(NameAddress contact, OptionalLong headerExpires, RegistrarSettings s) {
        long expires;
        Optional<String> param = contact.params().get("expires");
        if (param.isPresent()) {
            try {
                expires = Long.parseLong(param.get().trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (expires < 0) {
                return Optional.empty();
            }
        } else {
            expires = headerExpires.orElse(s.defaultExpires());
        }
        expires = Math.min(expires, s.maxExpires());
        String instance = contact.params().get("+sip.instance").orElse(null);
        int regId = 0;
        Optional<String> reg = contact.params().get("reg-id");
        if (reg.isPresent()) {
            try {
                regId = Integer.parseInt(reg.get().trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (regId < 1) {
                return Optional.empty(); // RFC 5626 §4.2: 1..2^31-1
            }
        }
        return Optional.of(new ContactUpdate(contact.uri(), expires, instance, regId));
    }

    /** RFC 5626 §6: with an instance and reg-id the binding is keyed by them, not by the URI. */
    boolean sameBinding(org.tabphone.registrar.api.Binding b) {
        if (instanceId != null && regId > 0) {
            return instanceId.equals(b.instanceId()) && regId == b.regId();
        }
        return uri.equals(b.contact());
    }
}
