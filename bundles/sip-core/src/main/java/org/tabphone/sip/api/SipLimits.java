package org.tabphone.sip.api;

/**
 * Size limits applied while framing and parsing (RFC 3261 §18.3 leaves them to the implementation).
 * A message over a limit is rejected: 413 for the body, 400 otherwise; over a stream transport the
 * connection should be closed.
 *
 * @param maxStartLineBytes     longest start line, CRLF excluded (also caps leading CRLFs before it)
 * @param maxHeaderSectionBytes longest header section, from the first header to the empty line
 * @param maxHeaderCount        most header lines
 * @param maxBodyBytes          largest body (Content-Length)
 */
public record SipLimits(int maxStartLineBytes, int maxHeaderSectionBytes, int maxHeaderCount, int maxBodyBytes) {
    /**
     * 8 KiB start line, 64 KiB of headers, 256 header lines, 1 MiB body: roomy for WebRTC SDP and
     * RFC 4475 longreq, small enough that a stream peer can't make us buffer without bound.
     */
    public static final SipLimits DEFAULT = new SipLimits(8 * 1024, 64 * 1024, 256, 1024 * 1024);

    public SipLimits {
        if (maxStartLineBytes < 16 || maxHeaderSectionBytes < 16 || maxHeaderCount < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("Limits too small: " + this);
        }
    }
}
