package org.tabphone.transport.api;

/**
 * Counters since the transport started, for the shell and JMX.
 *
 * @param received  SIP messages decoded
 * @param malformed messages that did not parse (answered 400 where possible)
 * @param unserved  requests answered 503 because no SIP stack was bound
 * @param flows     flows open now
 * @param stunKeepAlives STUN Binding requests answered on SIP UDP ports (RFC 5626 §4.4.2 keep-alives)
 * @param connections    connections accepted on TCP, TLS, WS and WSS listeners that are open now
 * @param connectionsRefused connections closed at once for a cap (per address or in total)
 * @param udpPeersRefused    datagrams dropped because they came from a new peer while udp.max.flows were known
 */
public record TransportStatistics(long received, long malformed, long unserved, int flows, long stunKeepAlives,
                                  int connections, long connectionsRefused, long udpPeersRefused) {
}
