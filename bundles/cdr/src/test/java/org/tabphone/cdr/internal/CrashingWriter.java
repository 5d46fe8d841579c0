package org.tabphone.cdr.internal;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The child process of {@link CdrKillTest}: writes call records as fast as it can and prints
 * {@code written <n>} each time more are durable, until it is killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean perRecord = args[1].equals("record");
        CdrWriter w = new CdrWriter(new CdrSettings(dir, perRecord, 50, 64 * 1024, true, 0, 1000),
            SigningKey.loadOrCreate(dir), Clock.systemUTC()).start();
        long reported = 0;
        for (int i = 0; ; i++) {
            while (!w.offer(CdrTestRecords.callEnd(i))) {
                Thread.onSpinWait();
            }
            long n = w.written();
            if (n > reported) {
                System.out.println("written " + n);
                System.out.flush();
                reported = n;
            }
        }
    }
}
