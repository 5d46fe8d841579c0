package org.tabphone.cdr.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test (Debian's postgresql-15, which {@code ./tabphone test}
 * installs): a fresh cluster in a temporary directory, on 127.0.0.1 and a free port, password
 * authentication (SCRAM) for user {@code cdr}. initdb and postgres refuse to run as root, so as
 * root they run as the {@code postgres} user.
 */
final class PostgresServer implements AutoCloseable {
    static final String USER = "cdr";
    static final String PASSWORD = "cdr-secret";

    private final Path dir;
    private final Path bin;
    private final int port;

    private PostgresServer(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** The newest installed server's bin directory, or null when there is none. */
    static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString()))).orElse(null);
        }
    }

    static PostgresServer start(Path bin) throws Exception {
        Path dir = Files.createTempDirectory("tabphone-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostgresServer pg = new PostgresServer(dir, bin, port);
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        pg.chown(dir);
        pg.run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile",
            dir.resolve("pw").toString(), "--auth=scram-sha-256", "-E", "UTF8", "--no-sync");
        pg.startServer();
        return pg;
    }

    void startServer() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
            "-w", "-t", "30", "-o", "-h 127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off", "start");
    }

    /** Immediate stop: like a crash, connections die without a goodbye. */
    void stopServer() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void chown(Path p) throws Exception {
        if (isRoot()) {
            exec(List.of("chown", "-R", "postgres:postgres", p.toString()));
        }
    }

    private void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        exec(cmd);
    }

    private void exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("cmd.out").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(cmd + " failed: " + Files.readString(dir.resolve("cmd.out")));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws Exception {
        try {
            stopServer();
        } catch (IOException e) {
            // already stopped
        }
        exec(List.of("rm", "-rf", dir.toString()));
    }
}
