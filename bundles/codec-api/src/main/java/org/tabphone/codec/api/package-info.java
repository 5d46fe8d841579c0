/** The codec SPI: codec bundles register {@link org.tabphone.codec.api.AudioCodec} services. */
@Version("1.0.0")
package org.tabphone.codec.api;

import org.osgi.annotation.versioning.Version;
