package org.tabphone.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicAuthTest {
    /** printf '%s' 's3cret' | sha256sum */
    private static final String S3CRET = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

    @Test
    void theRightUserAndPasswordGetInAndNothingElseDoes() {
        BasicAuth auth = BasicAuth.of("prometheus", S3CRET.toUpperCase());
        assertTrue(auth.allows(basic("prometheus:s3cret")));
        assertFalse(auth.allows(basic("prometheus:wrong")));
        assertFalse(auth.allows(basic("other:s3cret")));
        assertFalse(auth.allows(basic("prometheus")));
        assertFalse(auth.allows(null));
        assertFalse(auth.allows("Bearer x"));
        assertFalse(auth.allows("Basic !!!"));
    }

    @Test
    void noUserMeansNoAuthenticationAndHalfAConfigurationIsRefused() {
        assertSame(BasicAuth.NONE, BasicAuth.of("", ""));
        assertTrue(BasicAuth.NONE.allows(null));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("prometheus", ""));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("", S3CRET));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("prometheus", "s3cret"));
        assertFalse(BasicAuth.of("prometheus", S3CRET).toString().contains(S3CRET));
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }
}
