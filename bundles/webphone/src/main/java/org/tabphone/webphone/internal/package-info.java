/**
 * The webphone: two installable PWA softphones (SIP.js and JsSIP) built from
 * {@code src/main/web} into the bundle's {@code webphone/} folder, served on the WS/WSS ports
 * through the transport's {@link org.tabphone.transport.api.StaticResources} whiteboard at
 * {@code /phone} (and the landing page at {@code /}).
 */
package org.tabphone.webphone.internal;
