package org.tabphone.transport.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.transport.api.TlsCertificate;

/**
 * The certificates folder: each {@code .p12}/{@code .pfx} file, and each {@code .pem}/{@code .crt}/
 * {@code .cer} file (with its key inside or in {@code <name>.key}) is one certificate source.
 * {@link #scan} re-reads only the sources whose files changed (size or modification time) and
 * re-checks validity dates of the others. One bad file is reported and skipped; a file that turns
 * bad while its previous version was served keeps the previous version in service. Not thread-safe:
 * used by the watcher under its lock.
 */
final class CertificateFolder {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateFolder.class);

    /** What identifies a version of a source's files. */
    private record Stamp(long size, long modified, long keySize, long keyModified) {
    }

    private final Path dir;
    private final CertificateLoader loader;
    private final Map<String, Stamp> stamps = new TreeMap<>();
    private final Map<String, LoadedCertificate> loaded = new TreeMap<>();
    private boolean missingReported;

    CertificateFolder(Path dir, CertificateLoader loader) {
        this.dir = dir;
        this.loader = loader;
    }

    Path dir() {
        return dir;
    }

    static boolean isPkcs12(String name) {
        String n = SniNames.normalize(name);
        return n.endsWith(".p12") || n.endsWith(".pfx");
    }

    static boolean isPemCertificate(String name) {
        String n = SniNames.normalize(name);
        return n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer");
    }

    static Path keyFileOf(Path certificate) {
        return certificate.resolveSibling(baseName(certificate.getFileName().toString()) + ".key");
    }

    private static String baseName(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The certificates as of this scan, by file name. */
    List<LoadedCertificate> certificates() {
        return List.copyOf(loaded.values());
    }

    /** Returns true when what is served or reported changed. */
    boolean scan(Instant now) {
        List<Path> files = list();
        Set<String> bases = new HashSet<>();
        Map<String, Path> sources = new TreeMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (isPkcs12(name) || isPemCertificate(name)) {
                sources.put(name, f);
                bases.add(baseName(name));
            }
        }
        for (Path f : files) { // a key nobody's certificate uses is most likely a typo in a name
            String name = f.getFileName().toString();
            if (SniNames.normalize(name).endsWith(".key") && !bases.contains(baseName(name))) {
                sources.put(name, f);
            }
        }
        List<String> gone = loaded.keySet().stream().filter(n -> !sources.containsKey(n)).toList();
        gone.forEach(n -> LOG.info("TLS certificate {} removed", dir.resolve(n)));
        boolean changed = loaded.keySet().retainAll(sources.keySet());
        stamps.keySet().retainAll(sources.keySet());
        for (Map.Entry<String, Path> e : sources.entrySet()) {
            changed |= refresh(e.getKey(), e.getValue(), now);
        }
        return changed;
    }

    private boolean refresh(String name, Path file, Instant now) {
        Stamp stamp = stamp(file);
        LoadedCertificate before = loaded.get(name);
        LoadedCertificate after;
        if (before != null && Objects.equals(stamp, stamps.get(name))) {
            after = before.at(now);
            if (after == before) {
                return false;
            }
        } else if (SniNames.normalize(name).endsWith(".key")) {
            after = LoadedCertificate.invalid(name, "a key without a certificate: name it like its "
                + baseName(name) + ".crt or " + baseName(name) + ".pem");
        } else {
            after = loader.load(file, now);
            if (!after.served() && before != null && before.served()) {
                after = after.keeping(before);
            }
        }
        stamps.put(name, stamp);
        loaded.put(name, after);
        report(file, after);
        return true;
    }

    private void report(Path file, LoadedCertificate c) {
        TlsCertificate i = c.info();
        if (c.served() && i.detail().isEmpty()) {
            LOG.info("TLS certificate {} loaded: {} valid until {}", file, i.names(), i.notAfter().orElse(null));
        } else if (c.served()) {
            LOG.warn("TLS certificate {}: {}", file, i.detail());
        } else {
            LOG.warn("TLS certificate {} not served ({}): {}", file, i.status(), i.detail());
        }
    }

    private List<Path> list() {
        if (!Files.isDirectory(dir)) {
            if (!missingReported) {
                LOG.info("TLS certificates folder {} does not exist (yet): only the default certificate is served", dir);
                missingReported = true;
            }
            return List.of();
        }
        missingReported = false;
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).forEach(out::add);
        } catch (IOException e) {
            LOG.warn("TLS certificates folder {} unreadable: {}", dir, e.toString());
            return new ArrayList<>(loaded.keySet().stream().map(dir::resolve).toList()); // keep what we have
        }
        return out;
    }

    private static Stamp stamp(Path file) {
        long[] cert = sizeAndTime(file);
        long[] key = isPemCertificate(file.getFileName().toString()) ? sizeAndTime(keyFileOf(file)) : new long[] {-1, -1};
        return new Stamp(cert[0], cert[1], key[0], key[1]);
    }

    private static long[] sizeAndTime(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new long[] {a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }
}
