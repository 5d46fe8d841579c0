package org.tabphone.bench.sip;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

import javax.management.ObjectName;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.SipTimer;
import org.tabphone.sip.api.transaction.TransactionLayer;
import org.tabphone.sip.api.transaction.TransactionLayers;
import org.tabphone.sip.api.transaction.TransactionState;
import org.tabphone.sip.api.transaction.TransactionTimers;
import org.tabphone.sip.api.transaction.TransactionUser;

/**
 * Heap retained per finished SIP transaction, per kind: the states a call's transactions wait in
 * for RFC 3261 / RFC 6026 timers (up to 64*T1 = 32 s over UDP) only to absorb retransmissions.
 *
 * <p>For each kind, N transactions go through the real transaction layer with the messages of a
 * soak call (sipp's INVITE with SDP and rport, the B2BUA's INVITE to the callee, 200 with SDP,
 * BYE, 200), received requests stamped with received/rport as the transport does, every message
 * sent encoded as the transport does. The transaction user and client listener keep nothing (a
 * B2BUA's listener retention is its own). The timer keeps each pending task in a node, as
 * Netty's HashedWheelTimer does, and never fires (the figures are taken inside the wait).
 * Figure = (heap after full GC with the N waiting transactions − heap after full GC before) / N,
 * median of {@code rounds}.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.tabphone.bench.sip.TransactionFootprint
 * [N] [rounds] [--histogram]} (bench/sip-transactions.sh).
 */
public final class TransactionFootprint {
    private static final String PEER = "127.0.0.1";
    private static final int PEER_PORT = 5070;
    private static final byte[] SDP = ("v=0\r\no=caller 4242 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n")
        .getBytes(StandardCharsets.US_ASCII);

    /** The waiting states a soak call leaves behind, and one each for the failure paths. */
    enum Kind {
        INVITE_SERVER_ACCEPTED("INVITE server, 200 sent, ACKed (Accepted, Timer L 32 s)"),
        INVITE_SERVER_ACCEPTED_NO_ACK("INVITE server, 200 sent, no ACK yet (Accepted, 2xx retransmitted)"),
        INVITE_SERVER_COMPLETED("INVITE server, 486 sent, no ACK yet (Completed, Timer H 32 s)"),
        INVITE_SERVER_CONFIRMED("INVITE server, 486 sent, ACKed (Confirmed, Timer I 5 s)"),
        INVITE_CLIENT_ACCEPTED("INVITE client, 200 received (Accepted, Timer M 32 s)"),
        INVITE_CLIENT_COMPLETED("INVITE client, 486 received, ACK sent (Completed, Timer D 32 s)"),
        NON_INVITE_SERVER_COMPLETED("BYE server, 200 sent (Completed, Timer J 32 s)"),
        NON_INVITE_CLIENT_COMPLETED("BYE client, 200 received (Completed, Timer K 5 s)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = 20_000;
        int rounds = 3;
        boolean histogram = false;
        List<String> numbers = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--histogram")) {
                histogram = true;
            } else {
                numbers.add(a);
            }
        }
        if (!numbers.isEmpty()) {
            n = Integer.parseInt(numbers.get(0));
        }
        if (numbers.size() > 1) {
            rounds = Integer.parseInt(numbers.get(1));
        }
        for (Kind k : Kind.values()) {
            measure(k, 2_000, false); // warm up: classes, JIT, interned tables
        }
        System.out.printf(Locale.ROOT, "%d transactions per kind, median of %d rounds, %s, heap used after System.gc()%n",
            n, rounds, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-72s %10s%n", "kind", "bytes/tx");
        for (Kind k : Kind.values()) {
            long[] perTx = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                perTx[r] = measure(k, n, histogram && r == 0);
            }
            java.util.Arrays.sort(perTx);
            System.out.printf(Locale.ROOT, "%-72s %10d%n", k.label, perTx[rounds / 2]);
        }
    }

    /** Bytes per transaction of kind {@code k} waiting in its final state. */
    static long measure(Kind k, int n, boolean histogram) throws Exception {
        String before = histogram ? histogram() : null;
        long base = usedAfterGc();
        Harness h = new Harness(k);
        for (int i = 0; i < n; i++) {
            h.drive(i);
        }
        int live = h.layer.size();
        if (live != n) {
            throw new IllegalStateException(k + ": " + live + " transactions live, expected " + n);
        }
        h.checkStates();
        long after = usedAfterGc();
        if (histogram) {
            printGrowth(k, before, histogram(), n);
        }
        h.layer.close();
        java.lang.ref.Reference.reachabilityFence(h);
        return Math.round((after - base) / (double) n);
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** One layer, one path, one timer: drives transaction i of its kind into the waiting state. */
    static final class Harness implements TransactionUser, ClientTransactionListener {
        final Kind kind;
        final NodeTimer timer = new NodeTimer();
        final EncodingPath udp = new EncodingPath();
        final TransactionLayer layer;
        /** Sample transactions (the first few) to check their states; the user keeps nothing else. */
        final List<Object> samples = new ArrayList<>();

        Harness(Kind kind) {
            this.kind = kind;
            this.layer = TransactionLayers.create(this, timer, TransactionTimers.DEFAULT);
        }

        void drive(int i) {
            switch (kind) {
                case INVITE_SERVER_ACCEPTED, INVITE_SERVER_ACCEPTED_NO_ACK, INVITE_SERVER_COMPLETED,
                        INVITE_SERVER_CONFIRMED -> {
                    layer.onMessage(received(callerInvite(i)), udp);
                    if (kind == Kind.INVITE_SERVER_ACCEPTED) {
                        layer.onMessage(received(ack(i, false)), udp); // a 2xx ACK has its own branch
                    } else if (kind == Kind.INVITE_SERVER_CONFIRMED) {
                        layer.onMessage(received(ack(i, true)), udp);
                    }
                }
                case INVITE_CLIENT_ACCEPTED, INVITE_CLIENT_COMPLETED -> {
                    SipRequest invite = calleeInvite(i);
                    ClientTransaction tx = layer.sendRequest(invite, udp, this);
                    sample(i, tx);
                    layer.onMessage(received(response(invite, 180, null)), udp);
                    layer.onMessage(received(response(invite, kind == Kind.INVITE_CLIENT_ACCEPTED ? 200 : 486,
                        kind == Kind.INVITE_CLIENT_ACCEPTED ? SDP : null)), udp);
                }
                case NON_INVITE_SERVER_COMPLETED -> layer.onMessage(received(bye(i, "z9hG4bK-bye-in-" + i)), udp);
                case NON_INVITE_CLIENT_COMPLETED -> {
                    SipRequest bye = calleeBye(i);
                    sample(i, layer.sendRequest(bye, udp, this));
                    layer.onMessage(received(response(bye, 200, null)), udp);
                }
                default -> throw new IllegalArgumentException(kind.name());
            }
        }

        /** Server side: answers as the B2BUA does (180 at once, then the final response). */
        @Override
        public void onRequest(ServerTransaction tx) {
            SipRequest r = tx.request();
            sample(samples.size() < 3 ? 0 : 3, tx);
            if (r.method().equals(SipMethod.INVITE)) {
                tx.respond(SipResponse.replyTo(r, 180).toTag("gw" + r.callId().hashCode()).build());
                boolean ok = kind == Kind.INVITE_SERVER_ACCEPTED || kind == Kind.INVITE_SERVER_ACCEPTED_NO_ACK;
                SipResponse.Builder b = SipResponse.replyTo(r, ok ? 200 : 486).toTag("gw" + r.callId().hashCode())
                    .set(HeaderName.CONTACT, "<sip:127.0.0.1:5060;transport=udp>");
                if (ok) {
                    b.set(HeaderName.ALLOW, "INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, UPDATE, INFO")
                        .body(SDP, "application/sdp");
                }
                tx.respond(b.build());
            } else {
                tx.respond(SipResponse.replyTo(r, 200).build());
            }
        }

        private void sample(int i, Object tx) {
            if (i < 3) {
                samples.add(tx);
            }
        }

        void checkStates() {
            TransactionState want = switch (kind) {
                case INVITE_SERVER_ACCEPTED, INVITE_SERVER_ACCEPTED_NO_ACK, INVITE_CLIENT_ACCEPTED -> TransactionState.ACCEPTED;
                case INVITE_SERVER_CONFIRMED -> TransactionState.CONFIRMED;
                default -> TransactionState.COMPLETED;
            };
            for (Object o : samples) {
                TransactionState s = o instanceof ServerTransaction st ? st.state() : ((ClientTransaction) o).state();
                if (s != want) {
                    throw new IllegalStateException(kind + ": a transaction is " + s + ", expected " + want);
                }
            }
            samples.clear();
        }

        @Override
        public void onAck(SipRequest ack, SipPath path) {
        }

        @Override
        public void onStrayResponse(SipResponse response, SipPath path) {
            throw new IllegalStateException("stray " + response.statusCode());
        }

        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
        }

        @Override
        public void onTransportError(ClientTransaction transaction, Throwable cause) {
        }

        /** What the transport hands the stack: the datagram parsed, the top Via stamped (RFC 3581). */
        private static SipMessage received(SipMessage sent) {
            byte[] datagram = sent.toBytes();
            SipMessage m;
            try {
                m = SipMessages.parse(datagram, 0, datagram.length);
            } catch (SipParseException e) {
                throw new IllegalStateException(e.reason(), e);
            }
            if (m instanceof SipRequest r) {
                Via top = r.topVia().withReceived(PEER).withRport(PEER_PORT);
                return r.toBuilder().removeFirst(HeaderName.VIA).addVia(top).build();
            }
            return m;
        }

        /** sipp's INVITE (bench/media/uac-media.xml). */
        private static SipRequest callerInvite(int i) {
            return (SipRequest) text("INVITE sip:1002@demo.tabphone.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-inv-" + i + ";rport\r\n"
                + "From: \"Media caller\" <sip:caller@127.0.0.1:5070>;tag=4242SIPpTag09" + i + "\r\n"
                + "To: <sip:1002@demo.tabphone.test>\r\n"
                + "Call-ID: " + i + "-4242@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:5070>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.length + "\r\n\r\n" + new String(SDP, StandardCharsets.US_ASCII));
        }

        private static SipRequest ack(int i, boolean sameBranch) {
            String branch = sameBranch ? "z9hG4bK-inv-" + i : "z9hG4bK-ack-" + i;
            return (SipRequest) text("ACK sip:127.0.0.1:5060;transport=udp SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + ";rport\r\n"
                + "From: \"Media caller\" <sip:caller@127.0.0.1:5070>;tag=4242SIPpTag09" + i + "\r\n"
                + "To: <sip:1002@demo.tabphone.test>;tag=gw" + (i + "-4242@127.0.0.1").hashCode() + "\r\n"
                + "Call-ID: " + i + "-4242@127.0.0.1\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Contact: <sip:caller@127.0.0.1:5070>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        }

        private static SipRequest bye(int i, String branch) {
            return (SipRequest) text("BYE sip:127.0.0.1:5060;transport=udp SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + ";rport\r\n"
                + "From: \"Media caller\" <sip:caller@127.0.0.1:5070>;tag=4242SIPpTag09" + i + "\r\n"
                + "To: <sip:1002@demo.tabphone.test>;tag=gw" + i + "\r\n"
                + "Call-ID: " + i + "-4242@127.0.0.1\r\n"
                + "CSeq: 2 BYE\r\n"
                + "Contact: <sip:caller@127.0.0.1:5070>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        }

        /** The B2BUA's INVITE to the callee (call bundle, LegRequests.calleeInvite). */
        private SipRequest calleeInvite(int i) {
            NameAddress from = NameAddress.parse("\"Media caller\" <sip:caller@127.0.0.1:5070>;tag=b2b" + i);
            return SipRequest.builder(SipMethod.INVITE, org.tabphone.sip.api.uri.SipUri.parse("sip:1002@127.0.0.1:5080"))
                .addVia(Via.of("UDP", "127.0.0.1", 5060, Parameters.builder().add("branch", layer.newBranch())
                    .add("rport", null).build()))
                .maxForwards(69)
                .from(from)
                .to(NameAddress.parse("<sip:1002@demo.tabphone.test>"))
                .callId("b2b-" + i + "-7f3a9c@tabphone")
                .cseq(new CSeq(1, SipMethod.INVITE))
                .set(HeaderName.CONTACT, "<sip:127.0.0.1:5060;transport=udp>")
                .set(HeaderName.ALLOW, "INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, UPDATE, INFO")
                .body(SDP, "application/sdp")
                .build();
        }

        /** The B2BUA's BYE to the callee. */
        private SipRequest calleeBye(int i) {
            return SipRequest.builder(SipMethod.BYE, org.tabphone.sip.api.uri.SipUri.parse("sip:1002@127.0.0.1:5080"))
                .addVia(Via.of("UDP", "127.0.0.1", 5060, Parameters.builder().add("branch", layer.newBranch())
                    .add("rport", null).build()))
                .maxForwards(70)
                .from(NameAddress.parse("\"Media caller\" <sip:caller@127.0.0.1:5070>;tag=b2b" + i))
                .to(NameAddress.parse("<sip:1002@demo.tabphone.test>;tag=uas" + i))
                .callId("b2b-" + i + "-7f3a9c@tabphone")
                .cseq(new CSeq(2, SipMethod.BYE))
                .build();
        }

        /** The far end's response (sipp UAS): To tag, Contact, optional SDP. */
        private static SipResponse response(SipRequest r, int code, byte[] sdp) {
            SipResponse.Builder b = SipResponse.replyTo(r, code);
            if (code > 100) {
                b.toTag("uas" + r.callId().hashCode()).set(HeaderName.CONTACT, "<sip:1002@127.0.0.1:5080>");
            }
            if (sdp != null) {
                b.body(sdp, "application/sdp");
            }
            return b.build();
        }

        private static SipMessage text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            try {
                return SipMessages.parse(b, 0, b.length);
            } catch (SipParseException e) {
                throw new IllegalStateException(e.reason(), e);
            }
        }
    }

    /** A path like a Netty flow: each send encodes the message; nothing is kept. */
    static final class EncodingPath implements SipPath {
        long octets;

        @Override
        public boolean isReliable() {
            return false;
        }

        @Override
        public void send(SipMessage message, SendFailureListener listener) {
            octets += message.toBytes().length;
        }
    }

    /**
     * Keeps each pending task in a node until cancelled, like HashedWheelTimer's timeouts (a
     * node per task in a bucket list); never fires.
     */
    static final class NodeTimer implements SipTimer {
        private final Set<Node> pending = new HashSet<>();

        private static final class Node {
            final Runnable task;
            final long deadline;

            Node(Runnable task, long deadline) {
                this.task = task;
                this.deadline = deadline;
            }
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            Node node = new Node(task, delayMillis);
            pending.add(node);
            return () -> pending.remove(node);
        }

        @Override
        public long nowMillis() {
            return 0;
        }
    }

    private static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** The classes that grew most between two histograms, in bytes per transaction. */
    private static void printGrowth(Kind k, String before, String after, int n) {
        java.util.Map<String, long[]> b = parseHistogram(before);
        java.util.Map<String, long[]> a = parseHistogram(after);
        List<java.util.Map.Entry<String, long[]>> grown = new ArrayList<>();
        a.forEach((cls, v) -> {
            long[] old = b.getOrDefault(cls, new long[2]);
            grown.add(java.util.Map.entry(cls, new long[] {v[0] - old[0], v[1] - old[1]}));
        });
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        System.out.println("  " + k.label + ": classes that grew (instances and bytes per transaction)");
        IntFunction<String> row = i -> {
            var e = grown.get(i);
            return String.format(Locale.ROOT, "    %8.2f %8.1f  %s", e.getValue()[0] / (double) n,
                e.getValue()[1] / (double) n, e.getKey());
        };
        for (int i = 0; i < Math.min(14, grown.size()); i++) {
            if (grown.get(i).getValue()[1] / (double) n < 4) {
                break;
            }
            System.out.println(row.apply(i));
        }
    }

    private static java.util.Map<String, long[]> parseHistogram(String h) {
        java.util.Map<String, long[]> m = new java.util.HashMap<>();
        for (String line : h.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                m.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return m;
    }
}
