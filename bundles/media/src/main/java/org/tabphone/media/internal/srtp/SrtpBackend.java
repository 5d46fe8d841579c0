package org.tabphone.media.internal.srtp;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.HmacSha1;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * Which crypto jitsi-srtp runs on. Its native provider (libjitsisrtp_3.so, bundled in the jar for
 * linux-x86-64 / aarch64 / ppc64le and macOS, linked against OpenSSL 3's libcrypto.so.3; a
 * libjitsisrtp_1.1.so variant for OpenSSL 1.1) loads when the system has that libcrypto. AES is then
 * chosen by a one-off micro-benchmark among OpenSSL, SunJCE and Bouncy Castle, per transformation;
 * HMAC-SHA1 prefers OpenSSL, then SunJCE.
 *
 * <p>The first call of {@link #describe()} (or the first {@link SrtpSession} context) runs that
 * benchmark, which takes a noticeable fraction of a second: call {@code describe()} once from a
 * blocking executor when the media component activates, never on an event loop.
 */
public final class SrtpBackend {
    private static final Logger LOGGER = new LoggerImpl(SrtpBackend.class.getName());

    private SrtpBackend() {
    }

    /** True if jitsi-srtp's JNI library and OpenSSL loaded. */
    public static boolean isNativeOpenSsl() {
        try {
            return JitsiOpenSslProvider.isLoaded();
        } catch (LinkageError e) {
            return false; // JNA itself could not load: see describe()
        }
    }

    /** Provider name jitsi-srtp uses for a JCE transformation, e.g. "AES/CTR/NoPadding". */
    public static String aesProvider(String transformation) {
        try {
            return Aes.createCipher(transformation).getProvider().getName();
        } catch (RuntimeException | LinkageError e) {
            return "none (" + e + ")";
        }
    }

    public static String hmacProvider() {
        try {
            return HmacSha1.createMac(LOGGER).getProvider().getName();
        } catch (RuntimeException | LinkageError e) {
            return "none (" + e + ")";
        }
    }

    /** One line for the log: native or not, and the provider of each primitive. */
    public static String describe() {
        try {
            JitsiOpenSslProvider.isLoaded();
        } catch (LinkageError e) {
            return "jitsi-srtp unusable: " + e; // e.g. JNA could not unpack its dispatch library
        }
        return "jitsi-srtp native OpenSSL " + (isNativeOpenSsl() ? "loaded" : "not loaded")
                + "; AES-CTR: " + aesProvider("AES/CTR/NoPadding")
                + ", AES-GCM: " + aesProvider("AES/GCM/NoPadding")
                + ", HMAC-SHA1: " + hmacProvider();
    }
}
