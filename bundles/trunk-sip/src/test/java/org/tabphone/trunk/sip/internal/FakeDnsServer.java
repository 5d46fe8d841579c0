package org.tabphone.trunk.sip.internal;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server on loopback for the lookups' tests (RFC 1035 wire format): answers the SRV
 * (RFC 2782) and NAPTR (RFC 3403) records it was given for a name and type, NODATA for a known
 * name without records of the type, NXDOMAIN otherwise, and remembers every question.
 */
final class FakeDnsServer implements AutoCloseable {
    static final int SRV = 33;
    static final int NAPTR = 35;

    /** "name/type" → RDATA of each answer. */
    private final Map<String, List<byte[]>> answers = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final DatagramSocket socket;

    FakeDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        Thread t = new Thread(this::serve, "fake-dns");
        t.setDaemon(true);
        t.start();
    }

    /** "host:port" for {@link DnsClient}. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** The questions asked so far, as "NAPTR acme.test" / "SRV _sip._udp.acme.test". */
    List<String> questions() {
        return List.copyOf(questions);
    }

    FakeDnsServer srv(String name, int priority, int weight, int port, String target) {
        ByteBuffer b = ByteBuffer.allocate(6 + 255);
        b.putShort((short) priority).putShort((short) weight).putShort((short) port).put(name(target));
        return add(name, SRV, slice(b));
    }

    /** A NAPTR record (RFC 3403 §4.1): ORDER, PREFERENCE, FLAGS, SERVICES, REGEXP, REPLACEMENT. */
    FakeDnsServer naptr(String name, int order, int preference, String flags, String services, String regexp,
                        String replacement) {
        ByteBuffer b = ByteBuffer.allocate(4 + 3 * 256 + 255);
        b.putShort((short) order).putShort((short) preference)
            .put(charString(flags)).put(charString(services)).put(charString(regexp)).put(name(replacement));
        return add(name, NAPTR, slice(b));
    }

    /** Any RDATA, e.g. a malformed record. */
    FakeDnsServer add(String name, int type, byte[] rdata) {
        answers.computeIfAbsent(key(name, type), k -> new CopyOnWriteArrayList<>()).add(rdata);
        return this;
    }

    @Override
    public void close() {
        socket.close();
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket q = new DatagramPacket(buf, buf.length);
                socket.receive(q);
                byte[] a = answer(ByteBuffer.wrap(q.getData(), 0, q.getLength()));
                socket.send(new DatagramPacket(a, a.length, q.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }

    private byte[] answer(ByteBuffer q) {
        int id = q.getShort() & 0xffff;
        q.position(12);
        StringBuilder name = new StringBuilder();
        for (int len = q.get(); len != 0; len = q.get()) {
            byte[] label = new byte[len];
            q.get(label);
            name.append(name.length() == 0 ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
        }
        int type = q.getShort() & 0xffff;
        int questionEnd = q.position() + 2;
        String n = name.toString().toLowerCase(Locale.ROOT);
        questions.add((type == NAPTR ? "NAPTR " : type == SRV ? "SRV " : type + " ") + n);
        List<byte[]> records = answers.getOrDefault(key(n, type), List.of());
        boolean known = answers.keySet().stream().anyMatch(k -> k.startsWith(n + "/"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(12);
        h.putShort((short) id).putShort((short) (known ? 0x8180 : 0x8183)).putShort((short) 1)
            .putShort((short) records.size()).putShort((short) 0).putShort((short) 0);
        out.writeBytes(h.array());
        out.write(q.array(), 12, questionEnd - 12);
        for (byte[] rdata : records) {
            ByteBuffer rr = ByteBuffer.allocate(12 + rdata.length);
            rr.putShort((short) 0xc00c).putShort((short) type).putShort((short) 1).putInt(60)
                .putShort((short) rdata.length).put(rdata);
            out.writeBytes(rr.array());
        }
        return out.toByteArray();
    }

    private static String key(String name, int type) {
        return name.toLowerCase(Locale.ROOT) + "/" + type;
    }

    /** A domain name in labels; "." (or "") is the root. */
    static byte[] name(String dotted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            if (!label.isEmpty()) {
                out.write(label.length());
                out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    static byte[] charString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[bytes.length + 1];
        out[0] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
