package org.tabphone.cdr.api;

import org.osgi.annotation.versioning.ProviderType;

/** The optional database copy of the store ({@code jdbc.*} keys of {@code org.tabphone.cdr}). */
@ProviderType
public interface CdrSink {
    CdrSinkStats status();

    /** Ends a back-off wait now (after the database was fixed): the next attempt starts at once. */
    void retryNow();
}
