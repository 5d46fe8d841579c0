/**
 * STUN for an ICE-Lite responder: RFC 5389 / RFC 8489 message format, short-term credentials
 * (MESSAGE-INTEGRITY, HMAC-SHA1) and FINGERPRINT, RFC 8445 §2.5 and §7.3 (a lite agent answers
 * Binding requests and never sends checks), RFC 7983 first-byte demultiplexing. Private to this bundle.
 *
 * <p>Our own small codec rather than ice4j: ice4j's message classes pull in Kotlin and a jitsi-utils
 * version different from the one jitsi-srtp needs, allocate an object per attribute, and come with an
 * agent that owns its sockets and threads. A lite responder on our Netty media port needs about
 * 600 lines: {@link org.tabphone.media.internal.stun.StunMessageView} parses in place over the
 * received {@code ByteBuf}, {@link org.tabphone.media.internal.stun.StunMessageWriter} writes into a
 * caller-provided {@code ByteBuf}, and {@link org.tabphone.media.internal.stun.StunBindingResponder}
 * ties them together per media session.
 *
 * <p>Threading: none of these classes is thread-safe. One responder (and so one {@code Mac}, one
 * {@code CRC32}) per media session, used only on that session's event loop.
 */
package org.tabphone.media.internal.stun;
