package org.tabphone.registrar.internal;

/** An address of record within a tenant. */
record AorKey(String tenant, String user) {
}
