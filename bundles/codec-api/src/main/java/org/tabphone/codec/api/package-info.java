/**
 * The codec SPI: codec bundles register {@link org.tabphone.codec.api.AudioCodec} services.
 * 1.1: decoders and encoders at another PCM rate than the clock rate ({@code supportsPcmRate},
 * {@code newDecoder(int)}, {@code newEncoder(int)}), and a zero-length decode asks for concealment.
 */
@Version("1.1.0")
package org.tabphone.codec.api;

import org.osgi.annotation.versioning.Version;
