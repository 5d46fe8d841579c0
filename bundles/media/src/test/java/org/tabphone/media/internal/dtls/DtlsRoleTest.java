package org.tabphone.media.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DtlsRoleTest {

    @Test
    void rfc5763_5_answeringActpassWeArePassiveServer() {
        assertEquals(DtlsRole.SERVER, DtlsRole.forAnswer("actpass"));
        assertEquals("passive", DtlsRole.forAnswer("actpass").setupAttributeValue());
        assertEquals(DtlsRole.SERVER, DtlsRole.forAnswer("ACTIVE"));
        assertEquals(DtlsRole.SERVER, DtlsRole.forAnswer(null), "RFC 4145 4: absent means active");
    }

    @Test
    void rfc5763_5_answeringPassiveWeAreActiveClient() {
        assertEquals(DtlsRole.CLIENT, DtlsRole.forAnswer("passive"));
        assertEquals("active", DtlsRole.CLIENT.setupAttributeValue());
    }

    @Test
    void rfc5763_5_ourActpassOfferAnswered() {
        assertEquals(DtlsRole.SERVER, DtlsRole.forOfferAnswered("active"));
        assertEquals(DtlsRole.CLIENT, DtlsRole.forOfferAnswered("passive"));
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.forOfferAnswered("actpass"));
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.forOfferAnswered("holdconn"));
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.forAnswer("holdconn"));
    }
}
