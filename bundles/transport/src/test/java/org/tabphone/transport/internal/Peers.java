package org.tabphone.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Plain JDK sockets playing the far end, so the tests exercise real listeners. */
final class Peers {
    private Peers() {
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A UDP phone: sends datagrams, returns the next one received as text (null on timeout). */
    static final class UdpPeer implements AutoCloseable {
        final DatagramSocket socket;

        UdpPeer() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            socket.setSoTimeout(2000);
        }

        int port() {
            return socket.getLocalPort();
        }

        void send(int port, byte[] bytes) throws IOException {
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
        }

        void send(int port, String text) throws IOException {
            send(port, text.getBytes(StandardCharsets.UTF_8));
        }

        String receive(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A TCP phone reading whatever arrives within a deadline. */
    static final class TcpPeer implements AutoCloseable {
        final Socket socket;

        TcpPeer(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        /** Reads until {@code count} occurrences of {@code marker} arrived, EOF or timeout; returns all read. */
        String readUntil(String marker, int count, int timeoutMillis) throws IOException {
            StringBuilder got = new StringBuilder();
            long deadline = System.currentTimeMillis() + timeoutMillis;
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (occurrences(got, marker) < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return got.toString();
        }

        /** True if the gateway closed the connection within the timeout. */
        boolean closedByPeer(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            try {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // drain
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }

        private static int occurrences(CharSequence s, String marker) {
            int n = 0;
            for (int i = s.toString().indexOf(marker); i >= 0; i = s.toString().indexOf(marker, i + 1)) {
                n++;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
