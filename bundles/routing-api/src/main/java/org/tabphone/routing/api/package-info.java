/** The routing SPI: where a new call goes. Integrators register a higher-ranked {@code CallRouter}. */
@Version("0.3.0")
package org.tabphone.routing.api;

import org.osgi.annotation.versioning.Version;
