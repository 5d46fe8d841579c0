package org.tabphone.admin.internal.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.media.api.MediaSessionInfo;

/**
 * {@code tabphone:media --rtcp}: what the gateway's RTCP exchange with each leg says (it terminates
 * RTCP per leg): reports each way, the round trip (RFC 3550 §6.4.1), the loss and jitter the leg
 * reports for the stream the gateway sends it — the path toward the leg, which only the leg sees —
 * the feedback and other packets it sent (terminated, never forwarded) and BYE each way.
 */
final class RtcpTable {
    private RtcpTable() {
    }

    static void print(List<MediaSessionInfo> sessions, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Session");
        table.column("Call");
        table.column("Leg");
        table.column("Kind");
        table.column("RTCP out").alignRight();
        table.column("RTCP in").alignRight();
        table.column("RTT ms").alignRight();
        table.column("Far lost").alignRight();
        table.column("Far loss %").alignRight();
        table.column("Far jitter ms").alignRight();
        table.column("Feedback").alignRight();
        table.column("XR/other").alignRight();
        table.column("Refused").alignRight();
        table.column("BYE");
        for (MediaSessionInfo s : sessions) {
            for (MediaSessionInfo.LegInfo l : s.legs()) {
                MediaSessionInfo.RtcpInfo r = l.rtcp();
                table.addRow().addContent(s.id(), s.call(), l.role(), l.kind(), r.sent(), r.received(),
                    millis(r.roundTripMillis()), r.remoteLost() < 0 ? "-" : Long.toString(r.remoteLost()),
                    r.remoteFractionLost() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.remoteFractionLost() * 100),
                    millis(r.remoteJitterMillis()), r.feedbackReceived(), r.otherReceived(), r.refused(), bye(r));
            }
        }
        table.print(out);
    }

    /** One decimal, "-" for the -1 of "not known yet". */
    static String millis(double ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String bye(MediaSessionInfo.RtcpInfo r) {
        if (r.byeSent() && r.byeReceived()) {
            return "sent, received";
        }
        return r.byeSent() ? "sent" : r.byeReceived() ? "received" : "-";
    }
}
