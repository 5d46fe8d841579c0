package org.tabphone.transport.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A self-signed PKCS#12 keystore made with the JDK's keytool, and a client context that trusts anything. */
final class TestKeystores {
    static final String PASSWORD = "changeit";

    private TestKeystores() {
    }

    static Path selfSigned(Path dir) throws Exception {
        Path ks = dir.resolve("gateway.p12");
        if (Files.exists(ks)) {
            return ks;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "gateway",
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=gateway.test",
            "-ext", "SAN=dns:gateway.test,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
            "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return ks;
    }

    static SSLContext trustAll() throws Exception {
        TrustManager tm = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
        return ctx;
    }
}
