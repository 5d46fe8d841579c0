package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tabphone.cdr.api.CdrQuery;
import org.tabphone.cdr.api.CdrRecord;

/** Newest-first search through the record files, stopping at the query's limit. Unreadable lines are skipped (verify names them). */
final class CdrSearch {
    private CdrSearch() {
    }

    static List<CdrRecord> search(Path dir, CdrQuery query) throws IOException {
        List<CdrRecord> out = new ArrayList<>();
        if (query.limit() <= 0) {
            return out;
        }
        List<Path> files = CdrFiles.list(dir);
        for (int f = files.size() - 1; f >= 0 && out.size() < query.limit(); f--) {
            List<byte[]> lines = CdrFiles.lines(files.get(f));
            for (int i = lines.size() - 1; i >= 0 && out.size() < query.limit(); i--) {
                try {
                    CdrRecord r = CdrLine.decode(new String(lines.get(i), StandardCharsets.UTF_8)).record();
                    if (query.matches(r)) {
                        out.add(r);
                    }
                } catch (IllegalArgumentException e) {
                    // not a record
                }
            }
        }
        return out;
    }
}
