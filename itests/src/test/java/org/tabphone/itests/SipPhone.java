package org.tabphone.itests;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tabphone.sip.api.auth.DigestAlgorithm;

/**
 * A bare UDP SIP phone for itests: writes requests and responses as text, reads what arrives.
 * Just enough SIP to play a caller or a callee against the gateway, with no stack of its own.
 */
final class SipPhone implements AutoCloseable {
    private static final AtomicInteger BRANCH = new AtomicInteger();

    final DatagramSocket socket;
    private final int gatewayPort;
    private SocketAddress lastSender;

    private final String host;

    SipPhone(int gatewayPort) throws Exception {
        this(gatewayPort, "127.0.0.1");
    }

    /** A phone on another loopback address (127.0.0.2, ...): e.g. a trunk provider, told apart by its address. */
    SipPhone(int gatewayPort, String host) throws Exception {
        this.gatewayPort = gatewayPort;
        this.host = host;
        socket = new DatagramSocket(new InetSocketAddress(host, 0));
    }

    String host() {
        return host;
    }

    int port() {
        return socket.getLocalPort();
    }

    String via() {
        return "Via: SIP/2.0/UDP " + host + ":" + port() + ";rport;branch=z9hG4bK-p" + port() + "-" + BRANCH.incrementAndGet();
    }

    void send(String message) throws Exception {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", gatewayPort)));
    }

    /** Sends to whoever sent us the last message (the gateway, from its listener). */
    void reply(String message) throws Exception {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, lastSender));
    }

    /** The next message whose first line starts with {@code prefix} (others are skipped), or an AssertionError. */
    String expect(String prefix, int timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buf = new byte[65536];
        StringBuilder skipped = new StringBuilder();
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no '" + prefix + "' within " + timeoutMillis + " ms; got: " + skipped);
            }
            socket.setSoTimeout((int) left);
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String m = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
            if (m.startsWith(prefix)) {
                lastSender = p.getSocketAddress();
                return m;
            }
            skipped.append(m.lines().findFirst().orElse("")).append(" | ");
        }
    }

    /** Fails if a message starting with {@code prefix} arrives within {@code millis} (others are skipped). */
    void expectNone(String prefix, int millis) throws Exception {
        String got;
        try {
            got = expect(prefix, millis);
        } catch (AssertionError nothing) {
            return;
        }
        throw new AssertionError("unexpected: " + got);
    }

    /** A response to {@code request}: its Via, From, Call-ID, CSeq lines; To with {@code toTag} added if it has none. */
    static String response(String request, int code, String reason, String toTag, String extra, String body) {
        StringBuilder r = new StringBuilder("SIP/2.0 ").append(code).append(' ').append(reason).append("\r\n");
        for (String line : request.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                r.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                r.append(line).append(line.contains(";tag=") || toTag == null ? "" : ";tag=" + toTag).append("\r\n");
            }
        }
        r.append(extra);
        if (body != null) {
            r.append("Content-Type: application/sdp\r\nContent-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(body);
        } else {
            r.append("Content-Length: 0\r\n\r\n");
        }
        return r.toString();
    }

    /** A plain RTP phone's SDP: PCMU only at 127.0.0.1:{@code port}, session id and version {@code version}. */
    static String pcmuSdp(int version, int port) {
        return "v=0\r\no=- " + version + " " + version + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    static String header(String message, String name) {
        // Java's '.' and '$' treat \r as a line end: match up to the CR explicitly
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ": ([^\r\n]*)").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    static String branch(String message) {
        Matcher m = Pattern.compile("(?m)^Via: [^\r]*branch=([^;\r,]+)").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    static String tag(String headerValue) {
        Matcher m = Pattern.compile(";tag=([^;>\\s]+)").matcher(headerValue);
        return m.find() ? m.group(1) : null;
    }

    static String requestUri(String request) {
        return request.substring(request.indexOf(' ') + 1, request.indexOf(" SIP/2.0"));
    }

    private String registered;
    private String registeredPassword;
    private String registeredDomain;
    private int registerCseq;

    /** Registers {@code user} with digest (answering the MD5 challenge) with Contact at this phone. */
    void register(String user, String password, String domain) throws Exception {
        registered = user;
        registeredPassword = password;
        registeredDomain = domain;
        register(user, password, domain, "");
    }

    /** Removes the registration made by {@link #register(String, String, String)} (Expires: 0). */
    void unregister() throws Exception {
        if (registered != null) {
            register(registered, registeredPassword, registeredDomain, "Expires: 0\r\n");
            registered = null;
        }
    }

    private void register(String user, String password, String domain, String extra) throws Exception {
        String callId = "reg-" + user + "-" + port();
        String base = "REGISTER sip:" + domain + " SIP/2.0\r\n%s\r\nMax-Forwards: 70\r\n"
            + "To: <sip:" + user + "@" + domain + ">\r\nFrom: <sip:" + user + "@" + domain + ">;tag=r" + port() + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: %d REGISTER\r\nContact: <sip:" + user + "@127.0.0.1:" + port() + ">\r\n"
            + extra + "%sContent-Length: 0\r\n\r\n";
        send(String.format(base, via(), ++registerCseq, ""));
        String challenge = expect("SIP/2.0 401", 3000);
        String auth = authorization(challenge, user, password, "sip:" + domain, 1);
        if (auth.isEmpty()) {
            throw new AssertionError("no MD5 challenge: " + challenge);
        }
        send(String.format(base, via(), ++registerCseq, auth));
        expect("SIP/2.0 200", 3000);
    }

    /**
     * The Authorization header line answering the MD5 challenge of a 401 to a REGISTER for
     * {@code uri} (qop=auth, nonce count {@code nc}), or "" when the 401 offers no MD5 challenge.
     */
    static String authorization(String challenge, String user, String password, String uri, int nc) {
        return answer(challenge, "WWW-Authenticate", "Authorization", "REGISTER", user, password, uri, nc);
    }

    /** The Proxy-Authorization line answering the MD5 challenge of a 407 to {@code method}, or "". */
    static String proxyAuthorization(String challenge, String method, String user, String password, String uri) {
        return answer(challenge, "Proxy-Authenticate", "Proxy-Authorization", method, user, password, uri, 1);
    }

    private static String answer(String challenge, String challengeHeader, String header, String method, String user,
                                 String password, String uri, int nc) {
        Matcher m = Pattern.compile(challengeHeader + ": Digest realm=\"([^\"]+)\", nonce=\"([^\"]+)\", algorithm=MD5")
            .matcher(challenge);
        if (!m.find()) {
            return "";
        }
        String ncs = String.format("%08x", nc);
        String ha1 = DigestAlgorithm.MD5.ha1(user, m.group(1), password);
        String response = DigestAlgorithm.MD5.response(ha1, m.group(2), ncs, "c0ffee", "auth", method, uri);
        return header + ": Digest username=\"" + user + "\", realm=\"" + m.group(1) + "\", nonce=\"" + m.group(2)
            + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + ncs
            + ", cnonce=\"c0ffee\"\r\n";
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Sends one PCMU packet from {@code from} to the gateway's {@code port}; returns the first payload byte {@code to} gets. */
    static int relayRtp(DatagramSocket from, String port, DatagramSocket to, byte fill) throws Exception {
        byte[] p = new byte[172];
        p[0] = (byte) 0x80;
        p[3] = 1;
        java.util.Arrays.fill(p, 12, p.length, fill);
        DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
        for (int i = 0; i < 20; i++) { // the first packets may precede the route (symmetric RTP latching)
            from.send(new DatagramPacket(p, p.length, java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(port)));
            try {
                to.setSoTimeout(100);
                to.receive(got);
                return got.getData()[12];
            } catch (java.net.SocketTimeoutException notYet) {
                p[3]++;
            }
        }
        return -1;
    }
}
