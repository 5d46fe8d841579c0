package org.tabphone.cdr.internal;

import java.nio.file.Path;

/**
 * How far the store is durable: records up to {@code seq} in {@code dir} are fsynced (or were
 * found on disk when the directory was opened). Only those are exported to a database.
 *
 * @param dir the record directory
 * @param seq the newest durable record's number; 0 when there is none
 */
record StorePosition(Path dir, long seq) {
}
