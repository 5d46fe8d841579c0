package org.tabphone.tenant.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.UserChangeException;
import org.tabphone.tenant.api.UserChangeException.Reason;

/**
 * Rewrites users files in place, one change at a time per file. The new content goes to a temp
 * file in the same directory, is forced to disk and renamed over the old one (ATOMIC_MOVE), so
 * the 2 s poller and a crash both see the old file or the new one, never half of one.
 */
final class UsersFileWriter {
    /** A change to a users file's lines; returns the user as written, or null for a removal. */
    @FunctionalInterface
    interface Edit {
        SipUser apply(List<String> lines) throws UserChangeException;
    }

    /** One lock per real path: two tenants may share a file, and a symlink names the same one. */
    private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    SipUser rewrite(Path file, Edit edit) throws UserChangeException {
        Path real;
        try {
            real = file.toRealPath(); // rename over the link's target, not over the link
        } catch (NoSuchFileException e) {
            throw new UserChangeException(Reason.USERS_FILE, "users file " + file + " is missing");
        } catch (IOException e) {
            throw new UserChangeException(Reason.USERS_FILE, "users file " + file + ": " + e, e);
        }
        if (!Files.isRegularFile(real) || !Files.isWritable(real.getParent())) {
            throw new UserChangeException(Reason.USERS_FILE, "users file " + file + " cannot be replaced: not a file,"
                + " or its folder " + real.getParent() + " is not writable");
        }
        ReentrantLock lock = locks.computeIfAbsent(real, k -> new ReentrantLock());
        lock.lock();
        try {
            String text = read(real);
            String separator = text.contains("\r\n") ? "\r\n" : "\n"; // keep a Windows-edited file Windows-style
            List<String> lines = new ArrayList<>(text.lines().toList());
            SipUser written = edit.apply(lines);
            write(real, lines, separator);
            return written;
        } finally {
            lock.unlock();
        }
    }

    /** Creates {@code file} with {@code header} lines unless it exists; returns whether it did. */
    boolean create(Path file, List<String> header) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            Files.write(file, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static String read(Path file) throws UserChangeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new UserChangeException(Reason.USERS_FILE, "users file " + file + " is not UTF-8; left as it is");
        } catch (IOException e) {
            throw new UserChangeException(Reason.USERS_FILE, "users file " + file + " unreadable: " + e, e);
        }
    }

    private static void write(Path file, List<String> lines, String separator) throws UserChangeException {
        Path dir = file.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            keepPermissions(file, tmp);
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(l).append(separator));
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UserChangeException(Reason.USERS_FILE, "users file " + file + " not changed: " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed and says so; a stray dot-file is harmless
                }
            }
        }
    }

    /** The temp file is created 0600; give the new file the old one's mode (and owner's choice). */
    private static void keepPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(to, view.readAttributes().permissions());
        }
    }

    /** Makes the rename itself durable. Not every platform can open a directory (Windows): best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file's own content is on disk; only the rename's durability is left to the OS
        }
    }
}
