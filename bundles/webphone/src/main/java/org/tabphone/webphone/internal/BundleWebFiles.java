package org.tabphone.webphone.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Bundle;

/** Reads the built web app out of the bundle (its {@code webphone/} folder) into memory. */
final class BundleWebFiles {
    private BundleWebFiles() {
    }

    static WebFiles load(Bundle bundle, String folder) {
        Map<String, byte[]> contents = new HashMap<>();
        Enumeration<URL> entries = bundle.findEntries(folder, "*", true);
        String prefix = "/" + folder + "/";
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            if (path.endsWith("/") || !path.startsWith(prefix)) {
                continue;   // a folder
            }
            contents.put(path.substring(prefix.length()), read(url));
        }
        return WebFiles.of(contents);
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url + " from the webphone bundle", e);
        }
    }
}
