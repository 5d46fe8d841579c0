package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.MediaService;
import org.tabphone.media.api.MediaSessionInfo;

/**
 * {@code tabphone:media}: anchored media per call and leg — codec, DTLS, packets each way, the
 * round trip from the leg's RTCP and why the leg's dropped packets were dropped — then the totals
 * and the drops by reason; {@code --rtcp} lists what each leg's RTCP said instead.
 */
@Command(scope = "tabphone", name = "media",
         description = "Lists anchored media sessions: legs, codecs, DTLS state, packets, loss, jitter, RTCP round trip"
             + " and dropped packets by reason")
@Service
public final class MediaCommand implements Action {
    @Reference
    private MediaService media;

    @Reference
    private Session session;

    @Option(name = "-r", aliases = "--rtcp",
            description = "Per leg RTCP instead: reports each way, round trip, the loss and jitter the leg reports for"
                + " the gateway's stream, feedback and BYE")
    private boolean rtcp;

    @Override
    public Object execute() {
        if (rtcp) {
            RtcpTable.print(media.sessions(), session.getConsole());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Session");
        table.column("Call");
        table.column("Leg");
        table.column("Kind");
        table.column("Port").alignRight();
        table.column("Remote");
        table.column("Codec");
        table.column("Transcoding");
        table.column("DTLS");
        table.column("Pkts in").alignRight();
        table.column("Pkts out").alignRight();
        table.column("Lost").alignRight();
        table.column("Jitter ms").alignRight();
        table.column("Dropped").alignRight();
        table.column("RTT ms").alignRight();
        table.column("Drop reasons");
        for (MediaSessionInfo s : media.sessions()) {
            for (MediaSessionInfo.LegInfo l : s.legs()) {
                table.addRow().addContent(s.id(), s.call(), l.role(), l.kind(), l.localPort(), l.remote(), l.codec(),
                    l.transcoding(), l.dtls(), l.packetsIn(), l.packetsOut(), l.packetsLost(),
                    String.format(java.util.Locale.ROOT, "%.1f", l.jitterMillis()), l.packetsDropped(),
                    RtcpTable.millis(l.rtcp().roundTripMillis()), DropReason.describe(l.drops()));
            }
        }
        table.print(session.getConsole());
        MediaService.MediaCounters n = media.counters();
        session.getConsole().printf("%d sessions; %d opened, %d packets relayed, %d dropped, %d DTLS failures;"
            + " ports %d in use, %d free; %d STUN binding requests answered%n", n.activeSessions(), n.sessionsOpened(),
            n.packetsRelayed(), n.packetsDropped(), n.dtlsFailures(), n.portsInUse() * 2, n.portsFree() * 2,
            n.stunRequestsAnswered());
        String reasons = DropReason.describe(n.droppedByReason());
        session.getConsole().printf("dropped by reason: %s%n", reasons.isEmpty() ? "none" : reasons);
        return null;
    }
}
