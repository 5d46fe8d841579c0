package org.tabphone.transport.internal.tls;

import java.nio.file.Path;

/**
 * Where the per-tenant certificates live and how they are read.
 *
 * @param dir         the certificates folder, null for none
 * @param password    password of PKCS#12 files and encrypted PEM keys in it
 * @param scanSeconds how often the folder is looked at
 */
public record CertificateSettings(Path dir, String password, int scanSeconds) {

    public static CertificateSettings of(String dir, String password, int scanSeconds) {
        if (scanSeconds < 1 || scanSeconds > 3600) {
            throw new IllegalArgumentException("tls.certificates.scan.seconds must be 1..3600: " + scanSeconds);
        }
        String d = dir == null ? "" : dir.trim();
        return new CertificateSettings(d.isEmpty() ? null : resolve(Path.of(d)), password == null ? "" : password, scanSeconds);
    }

    /** A relative folder is inside Karaf's etc/ (so a configuration file from before this key existed still works). */
    private static Path resolve(Path dir) {
        String etc = System.getProperty("karaf.etc");
        return dir.isAbsolute() || etc == null ? dir : Path.of(etc).resolve(dir);
    }

    @Override
    public String toString() {
        return "CertificateSettings[" + dir + ", every " + scanSeconds + " s]"; // never the password
    }
}
