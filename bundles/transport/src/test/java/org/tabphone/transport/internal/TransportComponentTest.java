package org.tabphone.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.InboundSip;
import org.tabphone.transport.api.StaticResources;
import org.tabphone.transport.api.TransportKind;

/** The transport on real loopback sockets, driven by JDK clients. */
class TransportComponentTest {
    private TransportComponent transport;
    private int udpPort;
    private int tcpPort;
    private int wsPort;
    private int tlsPort;
    private int wssPort;
    private final Map<String, Object> config = new HashMap<>();

    @TempDir
    static Path keys;

    static String options(String transport, String branch, String callId) {
        return "OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/" + transport + " 192.0.2.1:5060;rport;branch=" + branch + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:gateway@127.0.0.1>\r\n"
            + "From: <sip:alice@example.com>;tag=a1\r\n"
            + "Call-ID: " + callId + "\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";
    }

    @BeforeEach
    void start() throws Exception {
        udpPort = Peers.freeUdpPort();
        tcpPort = Peers.freeTcpPort();
        wsPort = Peers.freeTcpPort();
        config.put("bind_address", "127.0.0.1");
        config.put("udp_port", udpPort);
        config.put("tcp_port", tcpPort);
        config.put("ws_port", wsPort);
        tlsPort = Peers.freeTcpPort();
        wssPort = Peers.freeTcpPort();
        config.put("tls_port", tlsPort);
        config.put("wss_port", wssPort);
        config.put("tls_keystore", TestKeystores.selfSigned(keys).toString());
        config.put("io_threads", 2);
        transport = new TransportComponent();
        transport.activate(TestConfigs.transport(config));
    }

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    @Test
    void udpMaxFlowsDropsDatagramsOfNewPeersOnlyAndAppliesLive() throws Exception {
        config.put("udp_max_flows", 1);
        transport.modified(TestConfigs.transport(config), config);
        try (Peers.UdpPeer known = new Peers.UdpPeer(); Peers.UdpPeer stranger = new Peers.UdpPeer()) {
            known.send(udpPort, options("UDP", "z9hG4bK-f1", "f1@test"));
            assertNotNull(known.receive(2000), "the first peer fits");
            stranger.send(udpPort, options("UDP", "z9hG4bK-f2", "f2@test"));
            assertNull(stranger.receive(500), "a second peer is over udp.max.flows = 1");
            known.send(udpPort, options("UDP", "z9hG4bK-f3", "f3@test"));
            assertNotNull(known.receive(2000), "a known peer is still served");
            assertEquals(1, transport.statistics().udpPeersRefused());
            config.put("udp_max_flows", 0);
            transport.modified(TestConfigs.transport(config), config);
            stranger.send(udpPort, options("UDP", "z9hG4bK-f4", "f4@test"));
            assertNotNull(stranger.receive(2000), "no cap any more");
        }
    }

    @Test
    void withoutAConsumerRequestsAreAnswered503OverUdp() throws Exception {
        try (Peers.UdpPeer phone = new Peers.UdpPeer()) {
            phone.send(udpPort, options("UDP", "z9hG4bK-u1", "c1@test"));
            String reply = phone.receive(2000);
            assertNotNull(reply, "no answer");
            assertTrue(reply.startsWith("SIP/2.0 503 "), reply);
            assertTrue(reply.contains("Call-ID: c1@test"), reply);
            assertTrue(reply.contains("branch=z9hG4bK-u1"), reply);
            assertTrue(reply.matches("(?s).*\r\nTo: [^\r]*;tag=[^\r]+\r\n.*"), "To tag added: " + reply);
        }
    }

    @Test
    void rfc3261_18_2_1_andRfc3581_receivedAndRportAreStampedOnRequests() throws Exception {
        BlockingQueue<InboundSip> got = consume();
        try (Peers.UdpPeer phone = new Peers.UdpPeer()) {
            phone.send(udpPort, options("UDP", "z9hG4bK-u2", "c2@test"));
            InboundSip in = got.poll(2, TimeUnit.SECONDS);
            assertNotNull(in);
            assertEquals(TransportKind.UDP, in.flow().kind());
            assertEquals(phone.port(), in.flow().remote().getPort());
            String via = in.message().header(org.tabphone.sip.api.header.HeaderName.VIA).orElseThrow();
            assertTrue(via.contains("received=127.0.0.1"), via);
            assertTrue(via.contains("rport=" + phone.port()), via);
            // answer on the flow it came from
            transport.sendOn(in.flow().id(), SipResponse.replyTo((SipRequest) in.message(), 200).build())
                .toCompletableFuture().get(2, TimeUnit.SECONDS);
            String reply = phone.receive(2000);
            assertNotNull(reply);
            assertTrue(reply.startsWith("SIP/2.0 200 "), reply);
        }
    }

    @Test
    void garbageOverUdpGets400AndTheNextRequestIsServed() throws Exception {
        try (Peers.UdpPeer phone = new Peers.UdpPeer()) {
            String broken = options("UDP", "z9hG4bK-u3", "c3@test").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
            phone.send(udpPort, broken);
            String reply = phone.receive(2000);
            assertNotNull(reply);
            assertTrue(reply.startsWith("SIP/2.0 400 "), reply);
            assertTrue(reply.contains("Call-ID: c3@test"), reply);
            phone.send(udpPort, new byte[] {0, 1, 2, 3, (byte) 0xff});
            assertNull(phone.receive(300), "no Via: nothing to answer");
            phone.send(udpPort, options("UDP", "z9hG4bK-u4", "c4@test"));
            String next = phone.receive(2000);
            assertNotNull(next);
            assertTrue(next.startsWith("SIP/2.0 503 "), next);
        }
    }

    @Test
    void rfc3261_18_3_tcpAnswersPipelinedRequestsOnTheSameConnection() throws Exception {
        try (Peers.TcpPeer phone = new Peers.TcpPeer(tcpPort)) {
            phone.send(options("TCP", "z9hG4bK-t1", "t1@test") + options("TCP", "z9hG4bK-t2", "t2@test"));
            String replies = phone.readUntil("SIP/2.0 503", 2, 3000);
            assertTrue(replies.contains("t1@test") && replies.contains("t2@test"), replies);
        }
    }

    @Test
    void rfc5626_4_4_1_tcpPingGetsAPong() throws Exception {
        try (Peers.TcpPeer phone = new Peers.TcpPeer(tcpPort)) {
            phone.send("\r\n\r\n");
            assertEquals("\r\n", phone.readUntil("\r\n", 1, 2000));
        }
    }

    @Test
    void tcpFramingErrorGets400ThenClose() throws Exception {
        try (Peers.TcpPeer phone = new Peers.TcpPeer(tcpPort)) {
            phone.send(options("TCP", "z9hG4bK-t3", "t3@test").replace("Content-Length: 0", "Content-Length: -5"));
            String reply = phone.readUntil("\r\n\r\n", 1, 2000);
            assertTrue(reply.startsWith("SIP/2.0 400 "), reply);
            assertTrue(phone.closedByPeer(2000), "connection closed after a framing error");
        }
        try (Peers.TcpPeer next = new Peers.TcpPeer(tcpPort)) {
            next.send(options("TCP", "z9hG4bK-t4", "t4@test"));
            assertTrue(next.readUntil("SIP/2.0 503", 1, 2000).contains("t4@test"));
        }
    }

    @Test
    void rfc7118_webSocketWithSipSubprotocolCarriesOneMessagePerFrame() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
            .subprotocols("sip")
            .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/ws"), collector(frames))
            .get(5, TimeUnit.SECONDS);
        assertEquals("sip", ws.getSubprotocol());
        ws.sendText(options("WS", "z9hG4bK-w1", "w1@test"), true).get(2, TimeUnit.SECONDS);
        String reply = frames.poll(2, TimeUnit.SECONDS);
        assertNotNull(reply);
        assertTrue(reply.startsWith("SIP/2.0 503 "), reply);
        assertTrue(reply.contains("w1@test"), reply);
        ws.sendText("\r\n\r\n", true).get(2, TimeUnit.SECONDS);
        assertEquals("\r\n", frames.poll(2, TimeUnit.SECONDS), "CRLF pong in a frame");
        ws.sendText("this is not SIP", true).get(2, TimeUnit.SECONDS);
        ws.sendText(options("WS", "z9hG4bK-w2", "w2@test"), true).get(2, TimeUnit.SECONDS);
        String after = frames.poll(2, TimeUnit.SECONDS);
        assertNotNull(after);
        assertTrue(after.contains("w2@test"), "connection still serves after garbage: " + after);
        ws.abort();
    }

    @Test
    void rfc7118_wssCarriesSipOverTls() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newBuilder().sslContext(TestKeystores.trustAll()).build().newWebSocketBuilder()
            .subprotocols("sip")
            .buildAsync(URI.create("wss://127.0.0.1:" + wssPort + "/ws"), collector(frames))
            .get(5, TimeUnit.SECONDS);
        ws.sendText(options("WSS", "z9hG4bK-s1", "s1@test"), true).get(2, TimeUnit.SECONDS);
        String reply = frames.poll(3, TimeUnit.SECONDS);
        assertNotNull(reply);
        assertTrue(reply.startsWith("SIP/2.0 503 ") && reply.contains("s1@test"), reply);
        ws.abort();
    }

    @Test
    void rfc3261_26_2_sipOverTlsIsFramedLikeTcp() throws Exception {
        javax.net.ssl.SSLSocketFactory f = TestKeystores.trustAll().getSocketFactory();
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) f.createSocket("127.0.0.1", tlsPort)) {
            s.setSoTimeout(3000);
            s.getOutputStream().write(options("TLS", "z9hG4bK-l1", "l1@test").getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            String reply = new String(buf, 0, n, StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("SIP/2.0 503 ") && reply.contains("l1@test"), reply);
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
    }

    @Test
    void aMissingKeystoreIsRejectedAndTheOldTlsListenerStays() throws Exception {
        config.put("tls_keystore", "/nonexistent/gateway.p12");
        transport.modified(TestConfigs.transport(config), config);
        try (Socket s = new Socket("127.0.0.1", tlsPort)) {
            assertTrue(s.isConnected());
        }
    }

    @Test
    void staticFilesAreServedBesideTheSipEndpointOverHttpAndHttps() throws Exception {
        StaticResources phone = path -> path.equals("/index.html")
            ? Optional.of(new StaticResources.StaticResource("<h1>phone</h1>".getBytes(StandardCharsets.UTF_8),
                "text/html; charset=utf-8"))
            : Optional.empty();
        transport.addStaticResources(phone, Map.of(StaticResources.PATH, "/phone"));
        HttpClient http = HttpClient.newBuilder().sslContext(TestKeystores.trustAll()).build();
        for (String base : List.of("http://127.0.0.1:" + wsPort, "https://127.0.0.1:" + wssPort)) {
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/phone/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), base);
            assertEquals("<h1>phone</h1>", ok.body());
            assertEquals("text/html; charset=utf-8", ok.headers().firstValue("content-type").orElseThrow());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/phone/nope.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/other/index.html")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/phone/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        try (Peers.TcpPeer raw = new Peers.TcpPeer(wsPort)) {
            raw.send("GET /phone/../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(raw.readUntil("\r\n\r\n", 1, 2000).startsWith("HTTP/1.1 404 "), "no path traversal");
        }
        transport.removeStaticResources(phone);
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wsPort + "/phone/index.html"))
            .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "gone with its provider");
    }

    @Test
    void rfc7118_4_upgradeWithoutSipSubprotocolIsRefused() throws Exception {
        assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
            .newWebSocketBuilder().subprotocols("chat")
            .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/ws"), collector(new LinkedBlockingQueue<>()))
            .join());
        try (Peers.TcpPeer http = new Peers.TcpPeer(wsPort)) {
            http.send("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: chat\r\n\r\n");
            String answer = http.readUntil("\r\n\r\n", 1, 2000);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(http.closedByPeer(2000));
        }
        try (Peers.TcpPeer http = new Peers.TcpPeer(wsPort)) {
            http.send("GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(http.readUntil("\r\n\r\n", 1, 2000).startsWith("HTTP/1.1 404 "));
        }
    }

    @Test
    void flowListenersHearWhenAWebSocketCloses() throws Exception {
        BlockingQueue<Flow> closed = new LinkedBlockingQueue<>();
        transport.addFlowListener(closed::add);
        BlockingQueue<InboundSip> got = consume();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
            .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/ws"), collector(new LinkedBlockingQueue<>()))
            .get(5, TimeUnit.SECONDS);
        ws.sendText(options("WS", "z9hG4bK-w3", "w3@test"), true).get(2, TimeUnit.SECONDS);
        InboundSip in = got.poll(2, TimeUnit.SECONDS);
        assertNotNull(in);
        assertEquals(TransportKind.WS, in.flow().kind());
        assertTrue(transport.flow(in.flow().id()).isPresent());
        ws.abort();
        Flow gone = closed.poll(3, TimeUnit.SECONDS);
        assertNotNull(gone, "flow close reported");
        assertEquals(in.flow().id(), gone.id());
        assertFalse(transport.flow(in.flow().id()).isPresent());
    }

    @Test
    void aChangedPortReopensOnlyThatListener() throws Exception {
        try (Peers.TcpPeer established = new Peers.TcpPeer(tcpPort)) {
            int newUdp = Peers.freeUdpPort();
            config.put("udp_port", newUdp);
            transport.modified(TestConfigs.transport(config), config);
            try (Peers.UdpPeer phone = new Peers.UdpPeer()) {
                phone.send(newUdp, options("UDP", "z9hG4bK-m1", "m1@test"));
                assertNotNull(phone.receive(2000), "new UDP port serves");
                phone.send(udpPort, options("UDP", "z9hG4bK-m2", "m2@test"));
                assertNull(phone.receive(300), "old UDP port closed");
            }
            established.send(options("TCP", "z9hG4bK-m3", "m3@test"));
            assertTrue(established.readUntil("SIP/2.0 503", 1, 2000).contains("m3@test"), "TCP connection kept");
        }
    }

    @Test
    void aBadConfigurationIsRejectedAndTheOldOneStays() throws Exception {
        config.put("tcp_port", 70000);
        transport.modified(TestConfigs.transport(config), config);
        try (Socket s = new Socket("127.0.0.1", tcpPort)) {
            assertTrue(s.isConnected());
        }
        config.put("tcp_port", 0);
        transport.modified(TestConfigs.transport(config), config);
        assertFalse(sipAnswersOnTcp(tcpPort), "port 0 turns TCP off");
    }

    @Test
    void sendToTcpOpensAConnectionAndReusesIt() throws Exception {
        try (java.net.ServerSocket phone = new java.net.ServerSocket(0)) {
            var dest = new java.net.InetSocketAddress("127.0.0.1", phone.getLocalPort());
            SipRequest req = (SipRequest) org.tabphone.sip.api.SipMessages.parse(
                options("TCP", "z9hG4bK-o1", "o1@test").getBytes(StandardCharsets.UTF_8), 0,
                options("TCP", "z9hG4bK-o1", "o1@test").length());
            Flow first = transport.sendTo(TransportKind.TCP, dest, req).toCompletableFuture().get(3, TimeUnit.SECONDS);
            Flow second = transport.sendTo(TransportKind.TCP, dest, req).toCompletableFuture().get(3, TimeUnit.SECONDS);
            assertEquals(first.id(), second.id(), "one connection per destination");
            try (Socket accepted = phone.accept()) {
                accepted.setSoTimeout(2000);
                byte[] buf = new byte[4096];
                int n = accepted.getInputStream().read(buf);
                assertTrue(new String(buf, 0, n, StandardCharsets.UTF_8).startsWith("OPTIONS sip:gateway@127.0.0.1 SIP/2.0"));
            }
        }
    }

    /**
     * True if a SIP server answers an OPTIONS on this TCP port. (A bare connect isn't proof: on
     * Linux a connect to a free ephemeral port can, rarely, connect the socket to itself.)
     */
    private static boolean sipAnswersOnTcp(int port) {
        try (Peers.TcpPeer peer = new Peers.TcpPeer(port)) {
            peer.send(options("TCP", "z9hG4bK-probe", "probe@test"));
            return peer.readUntil("\r\n\r\n", 1, 1000).startsWith("SIP/2.0 ");
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private BlockingQueue<InboundSip> consume() {
        BlockingQueue<InboundSip> got = new LinkedBlockingQueue<>();
        transport.bindInbound(got::add);
        return got;
    }

    private static WebSocket.Listener collector(BlockingQueue<String> frames) {
        List<CharSequence> parts = new CopyOnWriteArrayList<>();
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                parts.add(data);
                if (last) {
                    frames.add(String.join("", parts));
                    parts.clear();
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
