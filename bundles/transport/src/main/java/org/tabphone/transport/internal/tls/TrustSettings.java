package org.tabphone.transport.internal.tls;

import java.nio.file.Path;

/**
 * Which CAs outbound TLS trusts beside the JDK's own ({@code cacerts}): a PEM bundle
 * ({@code tls.trust.file}) and a folder of PEM files ({@code tls.trust.dir}), either optional.
 * A relative path is inside Karaf's {@code etc/}, as for the certificates folder.
 *
 * @param file the PEM bundle, null for none
 * @param dir  the folder whose {@code .pem}/{@code .crt}/{@code .cer} files are read, null for none
 */
public record TrustSettings(Path file, Path dir) {
    public static final TrustSettings JDK_ONLY = new TrustSettings(null, null);

    public static TrustSettings of(String file, String dir) {
        return new TrustSettings(path(file), path(dir));
    }

    private static Path path(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return null;
        }
        Path p = Path.of(v);
        String etc = System.getProperty("karaf.etc");
        return p.isAbsolute() || etc == null ? p : Path.of(etc).resolve(p);
    }
}
