package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.tabphone.cdr.api.CdrQuery;
import org.tabphone.cdr.api.CdrRecord;
import org.tabphone.cdr.api.CdrStore;

/**
 * Anchored media on the wire: two raw UDP SIP phones, each with a plain RTP socket at the port
 * its SDP names, sending 20 ms packets through the gateway's media ports — transcoding across a
 * codec bundle update, a forked call's switch from one branch's early media to another branch's
 * answer, and hold/unhold by re-INVITE.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MediaTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String G711_BSN = "org.tabphone.codec.g711";
    private static final Pattern M_AUDIO = Pattern.compile("(?m)^m=audio (\\d+) RTP/AVP ([0-9 ]+)\r\n");
    private static final int PCMU = 0;
    private static final int PCMA = 8;

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    /** A test that failed half-way leaves its call up: end it, so the next one starts with none. */
    @After
    public void hangUpLeftovers() throws Exception {
        for (String line : executeCommand("tabphone:calls").split("\n")) {
            Matcher m = Pattern.compile("^([0-9a-f]{8,}) +\\|").matcher(line);
            if (m.find()) {
                executeCommand("tabphone:hangup " + m.group(1));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Issue 6: the codec bundle is updated (and stopped/started) while a transcoding call runs
    // ---------------------------------------------------------------------------------------------

    @Test
    public void aCodecBundleUpdatedMidCallKeepsTranscoding() throws Exception {
        G711 g711 = G711.load();
        // A sends two alternating mu-law payloads covering all 256 codes (silence 0xFF included)
        byte[][] fromA = {codes(0, 160), codes(96, 160)};
        byte[][] atB = {g711.ulawToAlaw(fromA[0]), g711.ulawToAlaw(fromA[1])};
        assertEquals("mu-law silence is A-law silence", (byte) 0xD5, atB[1][255 - 96]);
        // B sends A-law the other way
        byte[][] fromB = {codes(0, 160), codes(96, 160)};
        byte[][] atA = {g711.alawToUlaw(fromB[0]), g711.alawToUlaw(fromB[1])};
        Bundle codec = bundle(G711_BSN);
        assertEquals(Bundle.ACTIVE, codec.getState());

        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"));
             Rtp rtpA = new Rtp(); Rtp rtpB = new Rtp()) {
            b.register("1002", "demo1002", DOMAIN);
            String callId = "media-transcode";
            a.send(invite(a, "1002", callId, sdp(1, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000")));
            String inv = b.expect("INVITE ", 3000);
            int gwB = audioPort(inv);
            assertTrue(inv, audioFormats(inv).startsWith("0 8"));
            b.reply(SipPhone.response(inv, 180, "Ringing", "bt", "", null));
            b.reply(SipPhone.response(inv, 200, "OK", "bt", contact(b),
                sdp(2, rtpB.port(), "8", "a=rtpmap:8 PCMA/8000")));
            String ok = a.expect("SIP/2.0 200", 3000);
            int gwA = audioPort(ok);
            assertEquals("the caller keeps its PCMU: " + ok, "0", audioFormats(ok));
            b.expect("ACK ", 2000);
            a.send(callerRequest(a, "ACK", 1, ok, callId, null));

            rtpA.startSending(gwA, PCMU, n -> fromA[n % 2]);
            rtpB.startSending(gwB, PCMA, n -> fromB[n % 2]);
            expectTranscoded(rtpB, PCMA, atB, 5, 2000, "A→B PCMU→PCMA before the update");
            expectTranscoded(rtpA, PCMU, atA, 5, 2000, "B→A PCMA→PCMU before the update");
            String transcoding = executeCommand("tabphone:media");
            assertTrue(transcoding, transcoding.contains("PCMA/8000") && transcoding.contains("true"));

            // (a) bundle:update of the running codec bundle: stop, new revision, start in one go
            long lastModified = codec.getLastModified();
            executeCommand("bundle:update " + codec.getBundleId());
            long updated = System.nanoTime();
            awaitState(codec, Bundle.ACTIVE, 5000);
            assertNotEquals("bundle:update made a new revision", lastModified, codec.getLastModified());
            rtpB.clear();
            rtpA.clear();
            long resumedB = expectTranscoded(rtpB, PCMA, atB, 5, 2000, "A→B after bundle:update");
            expectTranscoded(rtpA, PCMU, atA, 5, 2000, "B→A after bundle:update");
            System.out.println("codec bundle:update: first transcoded packet at B "
                + (resumedB - updated) / 1_000_000 + " ms after the command returned");
            assertCallUp(a, b, 0);

            // (b) bundle:stop: the codec services are gone, the call stays up, transcoded packets are dropped
            long stopMark = logMark();
            executeCommand("bundle:stop " + codec.getBundleId());
            awaitState(codec, Bundle.RESOLVED, 5000);
            Thread.sleep(200); // packets relayed just before the stop may still be on their way
            rtpB.clear();
            rtpA.clear();
            List<byte[]> duringStopAtB = rtpB.collect(1000);
            List<byte[]> duringStopAtA = rtpA.collect(0);
            System.out.println("while the codec bundle was stopped: " + duringStopAtB.size() + " packets reached B, "
                + duringStopAtA.size() + " reached A (A and B sent ~50 each)");
            assertEquals("with no codec service the transcoding route drops its packets", 0, duringStopAtB.size());
            assertEquals(0, duringStopAtA.size());
            assertCallUp(a, b, 0);
            String media = executeCommand("tabphone:media");
            assertTrue(media, media.contains("1 sessions"));
            awaitLog(stopMark, "codec PCMU gone", 2000);
            // the codecs go one after the other: whichever is missing first at the next packet is named
            awaitLog(stopMark, "codec service installed; transcoded audio is dropped until one is",
                2000);

            // (c) bundle:update while stopped (it stays stopped), then bundle:start: the new codecs take over
            executeCommand("bundle:update " + codec.getBundleId());
            assertNotEquals(Bundle.ACTIVE, codec.getState());
            assertTrue(rtpB.collect(300).isEmpty());
            long startMark = logMark();
            executeCommand("bundle:start " + codec.getBundleId());
            long started = System.nanoTime();
            awaitState(codec, Bundle.ACTIVE, 5000);
            long resumed = expectTranscoded(rtpB, PCMA, atB, 5, 2000, "A→B after bundle:stop/update/start");
            expectTranscoded(rtpA, PCMU, atA, 5, 2000, "B→A after bundle:stop/update/start");
            System.out.println("codec bundle:start: first transcoded packet at B " + (resumed - started) / 1_000_000
                + " ms after the command returned");
            awaitLog(startMark, "PCMU→PCMA transcoding resumed with the new codec service", 2000);
            assertCallUp(a, b, 0);

            rtpA.stopSending();
            rtpB.stopSending();
            a.send(callerRequest(a, "BYE", 2, ok, callId, null));
            a.expect("SIP/2.0 200", 2000);
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            b.unregister();

            // its record names each leg's codec and counts what each leg sent (50 packets a second, for about 2 s)
            CdrRecord cdr = newestRecordWithCalleeCodec("PCMA/8000");
            assertEquals("PCMU/8000", cdr.callerCodec());
            assertTrue(cdr.toString(), cdr.callerRtp().packets() >= 50 && cdr.calleeRtp().packets() >= 50);
            assertEquals(cdr.toString(), 0, cdr.callerRtp().lost());
        } finally {
            if (codec.getState() != Bundle.ACTIVE) {
                codec.start(); // never leave the other tests without codecs
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 2. TESTING.md: 183 with SDP from one fork branch, 200 from another (different to-tags)
    // ---------------------------------------------------------------------------------------------

    @Test
    public void forkedEarlyMediaThenAnswerFromAnotherBranch() throws Exception {
        byte[] fromA = fill((byte) 0x11);
        byte[] fromB1 = fill((byte) 0x22);
        byte[] fromB2 = fill((byte) 0x33);
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b1 = new SipPhone(sipPort("udp"));
             SipPhone b2 = new SipPhone(sipPort("udp")); Rtp rtpA = new Rtp(); Rtp rtpB1 = new Rtp();
             Rtp rtpB2 = new Rtp()) {
            b1.register("1002", "demo1002", DOMAIN);
            b2.register("1002", "demo1002", DOMAIN);
            String callId = "media-fork";
            a.send(invite(a, "1002", callId, sdp(1, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000")));
            String inv1 = b1.expect("INVITE ", 3000);
            String inv2 = b2.expect("INVITE ", 3000);
            int gwB1 = audioPort(inv1);
            int gwB2 = audioPort(inv2);
            assertNotEquals("each branch has its own media port", gwB1, gwB2);

            // branch 1: early media
            b1.reply(SipPhone.response(inv1, 183, "Session Progress", "f1", contact(b1),
                sdp(2, rtpB1.port(), "0", "a=rtpmap:0 PCMU/8000")));
            String early = a.expect("SIP/2.0 183", 2000);
            int gwA = audioPort(early);
            assertEquals("0", audioFormats(early));
            rtpA.startSending(gwA, PCMU, n -> fromA);
            rtpB1.startSending(gwB1, PCMU, n -> fromB1);
            expectPayload(rtpB1, PCMU, fromA, 3, 2000, "early media A→B1");
            List<byte[]> earlyAtA = expectPayload(rtpA, PCMU, fromB1, 3, 2000, "early media B1→A");

            // branch 2 answers; branch 1 is cancelled
            b2.reply(SipPhone.response(inv2, 180, "Ringing", "f2", "", null));
            rtpB2.startSending(gwB2, PCMU, n -> fromB2);
            b2.reply(SipPhone.response(inv2, 200, "OK", "f2", contact(b2),
                sdp(3, rtpB2.port(), "0", "a=rtpmap:0 PCMU/8000")));
            String ok = a.expect("SIP/2.0 200", 2000);
            assertEquals("the caller's media port stays: " + ok, gwA, audioPort(ok));
            assertEquals("A sees one dialog: the gateway's tag in the 183 and the 200",
                SipPhone.tag(SipPhone.header(early, "To")), SipPhone.tag(SipPhone.header(ok, "To")));
            b2.expect("ACK ", 2000);
            a.send(callerRequest(a, "ACK", 1, ok, callId, null));
            String cancel = b1.expect("CANCEL ", 2000);
            b1.reply(SipPhone.response(cancel, 200, "OK", "f1", "", null));
            b1.reply(SipPhone.response(inv1, 487, "Request Terminated", "f1", "", null));
            b1.expect("ACK ", 2000);

            Thread.sleep(100); // early media in flight
            rtpB1.clear();
            rtpB2.clear();
            // B1 goes on sending (as a slow phone would): none of it may reach A any more
            List<byte[]> atB2 = expectPayload(rtpB2, PCMU, fromA, 10, 2000, "A→B2 after the 200");
            assertTrue("A's media must not reach the cancelled branch", rtpB1.collect(0).isEmpty());
            rtpA.clear();
            List<byte[]> atA = rtpA.collect(600);
            assertTrue("B2's media reaches A: " + atA.size() + " packets", atA.size() >= 15);
            for (byte[] p : atA) {
                assertTrue("only B2's payload reaches A after the 200, got " + Integer.toHexString(p[12] & 0xFF),
                    Arrays.equals(fromB2, payload(p)));
            }
            // one stream toward A across the switch (TESTING.md: SSRC/seq/ts rewriting)
            assertEquals("A sees one SSRC across the branch switch", ssrc(earlyAtA.get(0)), ssrc(atA.get(0)));
            // the gateway keeps one callee leg: B2's (its branch keys follow the registrar's contact order)
            String media = executeCommand("tabphone:media");
            List<String> calleeLegs = media.lines().filter(l -> l.contains("| callee:")).toList();
            assertEquals(media, 1, calleeLegs.size());
            assertTrue(media, calleeLegs.get(0).contains("| 127.0.0.1:" + rtpB2.port() + " "));

            rtpA.stopSending();
            rtpB1.stopSending();
            rtpB2.stopSending();
            a.send(callerRequest(a, "BYE", 2, ok, callId, null));
            a.expect("SIP/2.0 200", 2000);
            String bye = b2.expect("BYE ", 2000);
            b2.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            b1.unregister();
            b2.unregister();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 3. Hold and unhold by re-INVITE: directions mapped per leg, media stops and resumes
    // ---------------------------------------------------------------------------------------------

    @Test
    public void reInviteHoldAndUnholdKeepMediaFlowing() throws Exception {
        byte[] fromA = fill((byte) 0x44);
        byte[] fromB = fill((byte) 0x55);
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"));
             Rtp rtpA = new Rtp(); Rtp rtpB = new Rtp()) {
            b.register("1002", "demo1002", DOMAIN);
            String callId = "media-hold";
            AnsweredCall call = pcmuCall(a, b, rtpA, rtpB, callId, "bh");
            String ok = call.ok();
            int gwA = call.gwA();
            int gwB = call.gwB();
            rtpA.startSending(gwA, PCMU, n -> fromA);
            rtpB.startSending(gwB, PCMU, n -> fromB);
            expectPayload(rtpB, PCMU, fromA, 5, 2000, "A→B");
            expectPayload(rtpA, PCMU, fromB, 5, 2000, "B→A");

            // hold: A sendonly → B gets sendonly, answers recvonly → A gets recvonly
            String reinvite = reInvite(a, b, ok, callId, 2,
                sdp(2, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000", "a=sendonly"), "a=sendonly",
                sdp(2, rtpB.port(), "0", "a=rtpmap:0 PCMU/8000"), "a=recvonly");
            assertEquals("the re-offer toward B keeps the gateway's port", gwB, audioPort(reinvite));
            Thread.sleep(100);
            rtpA.clear();
            rtpB.clear();
            List<byte[]> heldAtA = rtpA.collect(800);
            List<byte[]> heldAtB = rtpB.collect(0);
            System.out.println("on hold (sendonly): " + heldAtA.size() + " packets reached A, " + heldAtB.size()
                + " reached B in 800 ms");
            assertEquals("nothing is sent to a leg that said sendonly", 0, heldAtA.size());
            assertTrue("A's media still reaches B while A holds: " + heldAtB.size(), heldAtB.size() >= 20);

            // unhold: sendrecv both ways
            reInvite(a, b, ok, callId, 3, sdp(3, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000", "a=sendrecv"), "a=sendrecv",
                sdp(3, rtpB.port(), "0", "a=rtpmap:0 PCMU/8000"), "a=sendrecv");
            rtpA.clear();
            rtpB.clear();
            expectPayload(rtpA, PCMU, fromB, 5, 2000, "B→A after unhold");
            expectPayload(rtpB, PCMU, fromA, 5, 2000, "A→B after unhold");

            rtpA.stopSending();
            rtpB.stopSending();
            a.send(callerRequest(a, "BYE", 4, ok, callId, null));
            a.expect("SIP/2.0 200", 2000);
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            b.unregister();
        }
    }

    /**
     * TESTING.md fault: a peer vanishes mid-call without a BYE. With rtp.timeout.seconds = 2, a
     * held call with no RTP at all stays up; after the unhold, two silent seconds end it: BYE to
     * both phones.
     */
    @Test
    public void rtpTimeoutEndsACallWhosePeerVanishedButNotAHeldOne() throws Exception {
        executeCommand("config:property-set -p org.tabphone.media rtp.timeout.seconds 2");
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"));
             Rtp rtpA = new Rtp(); Rtp rtpB = new Rtp()) {
            Thread.sleep(300); // the media service applies the change to new calls
            b.register("1002", "demo1002", DOMAIN);
            String callId = "media-timeout";
            AnsweredCall call = pcmuCall(a, b, rtpA, rtpB, callId, "bt");
            String ok = call.ok();
            int gwA = call.gwA();
            int gwB = call.gwB();
            rtpA.startSending(gwA, PCMU, n -> fill((byte) 1));
            rtpB.startSending(gwB, PCMU, n -> fill((byte) 2));
            a.expectNone("BYE ", 2500); // RTP flows: no timeout
            reInvite(a, b, ok, callId, 2, sdp(2, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000", "a=inactive"), "a=inactive",
                sdp(2, rtpB.port(), "0", "a=rtpmap:0 PCMU/8000", "a=inactive"), "a=inactive");
            rtpA.stopSending();
            rtpB.stopSending();
            a.expectNone("BYE ", 3500); // on hold, silence is normal
            reInvite(a, b, ok, callId, 3, sdp(3, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000", "a=sendrecv"), "a=sendrecv",
                sdp(3, rtpB.port(), "0", "a=rtpmap:0 PCMU/8000"), "a=sendrecv");
            long unheld = System.nanoTime();
            String byeA = a.expect("BYE ", 7000);
            long after = (System.nanoTime() - unheld) / 1_000_000;
            a.reply(SipPhone.response(byeA, 200, "OK", null, "", null));
            String byeB = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(byeB, 200, "OK", null, "", null));
            // 2 s of silence counted from the sweep (every second) that sees the hold end
            assertTrue("ended " + after + " ms after the unhold", after >= 1900 && after < 5500);
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            b.unregister();
        } finally {
            executeCommand("config:property-delete -p org.tabphone.media rtp.timeout.seconds");
        }
    }

    /**
     * TESTING.md: old-style hold (RFC 2543, RFC 3264 §8.4: c=0.0.0.0) — nothing is sent to the
     * holder, B is told it is held (sendonly or inactive, not sendrecv), and audio resumes after.
     */
    @Test
    public void oldStyleHoldWithZeroAddressMapsToHoldAndResumes() throws Exception {
        byte[] fromA = fill((byte) 0x66);
        byte[] fromB = fill((byte) 0x77);
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"));
             Rtp rtpA = new Rtp(); Rtp rtpB = new Rtp()) {
            b.register("1002", "demo1002", DOMAIN);
            String callId = "media-old-hold";
            AnsweredCall call = pcmuCall(a, b, rtpA, rtpB, callId, "bo");
            String ok = call.ok();
            int gwA = call.gwA();
            int gwB = call.gwB();
            rtpA.startSending(gwA, PCMU, n -> fromA);
            rtpB.startSending(gwB, PCMU, n -> fromB);
            expectPayload(rtpA, PCMU, fromB, 5, 2000, "B→A");
            expectPayload(rtpB, PCMU, fromA, 5, 2000, "A→B");

            // old-style hold (RFC 2543): c=0.0.0.0 — A gets nothing, and B is told to stop sending
            String oldHold = sdp(2, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000").replace("c=IN IP4 127.0.0.1",
                "c=IN IP4 0.0.0.0");
            String toB = reInvite(a, b, ok, callId, 2, oldHold, null,
                sdp(2, rtpB.port(), "0", "a=rtpmap:0 PCMU/8000"), null);
            Thread.sleep(100);
            rtpA.clear();
            assertEquals("nothing is sent to a leg on hold with c=0.0.0.0", 0, rtpA.collect(600).size());
            String directionToB = direction(toB);

            // and back
            reInvite(a, b, ok, callId, 3, sdp(3, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000"), null,
                sdp(3, rtpB.port(), "0", "a=rtpmap:0 PCMU/8000"), null);
            rtpA.clear();
            rtpB.clear();
            expectPayload(rtpA, PCMU, fromB, 5, 2000, "B→A after the old-style unhold");
            expectPayload(rtpB, PCMU, fromA, 5, 2000, "A→B after the old-style unhold");

            rtpA.stopSending();
            rtpB.stopSending();
            a.send(callerRequest(a, "BYE", 4, ok, callId, null));
            a.expect("SIP/2.0 200", 2000);
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            b.unregister();
            // RFC 3264 §8.4 / TESTING.md: the c=0.0.0.0 hold has to reach B as a hold (sendonly or inactive)
            assertTrue("A's c=0.0.0.0 hold reached B as a=" + directionToB + ":\n" + toB,
                directionToB.equals("sendonly") || directionToB.equals("inactive"));
        }
    }

    /**
     * A re-INVITE from A with {@code offer}; B must get it with {@code expectAtB} (when given) and
     * answers {@code answer} with the direction mirrored; A must get a 200 with {@code expectAtA}. Returns what B got.
     */
    private String reInvite(SipPhone a, SipPhone b, String ok, String callId, int cseq, String offer, String expectAtB,
                            String answer, String expectAtA) throws Exception {
        a.send(callerRequest(a, "INVITE", cseq, ok, callId, offer));
        String reinvite = b.expect("INVITE ", 2000);
        if (expectAtB != null) {
            assertTrue(reinvite, reinvite.contains(expectAtB + "\r\n"));
        }
        b.reply(SipPhone.response(reinvite, 200, "OK", null, contact(b), answer + "a=" + mirror(direction(reinvite))
            + "\r\n"));
        String answered = a.expect("SIP/2.0 200", 2000);
        assertEquals(cseq + " INVITE", SipPhone.header(answered, "CSeq"));
        if (expectAtA != null) {
            assertTrue(answered, answered.contains(expectAtA + "\r\n"));
        }
        b.expect("ACK ", 2000);
        a.send(callerRequest(a, "ACK", cseq, ok, callId, null));
        return reinvite;
    }

    /** The answerer's direction for an offered one (RFC 3264 §6.1). */
    /** The gateway's 200 to A, and its media port toward each phone. */
    private record AnsweredCall(String ok, int gwA, int gwB) {
    }

    /**
     * A (PCMU on rtpA) calls 1002 registered on b, which answers (PCMU on rtpB, to-tag {@code tag});
     * both sides ACKed.
     */
    private static AnsweredCall pcmuCall(SipPhone a, SipPhone b, Rtp rtpA, Rtp rtpB, String callId, String tag)
            throws Exception {
        a.send(invite(a, "1002", callId, sdp(1, rtpA.port(), "0", "a=rtpmap:0 PCMU/8000")));
        String inv = b.expect("INVITE ", 3000);
        b.reply(SipPhone.response(inv, 200, "OK", tag, contact(b), sdp(1, rtpB.port(), "0", "a=rtpmap:0 PCMU/8000")));
        String ok = a.expect("SIP/2.0 200", 3000);
        b.expect("ACK ", 2000);
        a.send(callerRequest(a, "ACK", 1, ok, callId, null));
        return new AnsweredCall(ok, audioPort(ok), audioPort(inv));
    }

    private static String mirror(String offered) {
        switch (offered) {
            case "sendonly":
                return "recvonly";
            case "recvonly":
                return "sendonly";
            case "inactive":
                return "inactive";
            default:
                return "sendrecv";
        }
    }

    private static String direction(String message) {
        Matcher m = Pattern.compile("(?m)^a=(sendrecv|sendonly|recvonly|inactive)\r\n").matcher(message);
        return m.find() ? m.group(1) : "sendrecv (none written)";
    }

    // ---------------------------------------------------------------------------------------------
    // SIP helpers
    // ---------------------------------------------------------------------------------------------

    private static String sdp(int version, int port, String formats, String... attributes) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 ").append(version)
            .append(" IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ").append(port)
            .append(" RTP/AVP ").append(formats).append("\r\n");
        for (String a : attributes) {
            s.append(a).append("\r\n");
        }
        return s.toString();
    }

    /** An INVITE from a desk phone calling in with its own identity (not a tenant user: not challenged). */
    private static String invite(SipPhone a, String to, String callId, String sdp) {
        return "INVITE sip:" + to + "@" + DOMAIN + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: <sip:" + to + "@" + DOMAIN + ">\r\nFrom: \"Office\" <sip:office@127.0.0.1>;tag=a-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:office@127.0.0.1:" + a.port() + ">\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** An in-dialog request from the caller, built from the 200 it got; with an SDP body when {@code sdp} isn't null. */
    private static String callerRequest(SipPhone a, String method, int cseq, String ok, String callId, String sdp) {
        String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        String r = method + " " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(ok, "To") + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n";
        if (sdp == null) {
            return r + "Content-Length: 0\r\n\r\n";
        }
        return r + "Contact: <sip:office@127.0.0.1:" + a.port() + ">\r\nContent-Type: application/sdp\r\n"
            + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String contact(SipPhone p) {
        return "Contact: <sip:1002@127.0.0.1:" + p.port() + ">\r\n";
    }

    private static int audioPort(String message) {
        Matcher m = M_AUDIO.matcher(message);
        assertTrue("no RTP/AVP audio line in: " + message, m.find());
        int port = Integer.parseInt(m.group(1));
        assertTrue("a gateway media port: " + port, port >= 20000 && port <= 29999);
        assertTrue(message, message.contains("c=IN IP4 127.0.0.1"));
        return port;
    }

    private static String audioFormats(String message) {
        Matcher m = M_AUDIO.matcher(message);
        assertTrue("no RTP/AVP audio line in: " + message, m.find());
        return m.group(2);
    }

    /** No BYE reached either phone within {@code millis}, and the call is listed ANSWERED. */
    private void assertCallUp(SipPhone a, SipPhone b, int millis) throws Exception {
        for (SipPhone p : new SipPhone[] {a, b}) {
            String bye = null;
            try {
                bye = p.expect("BYE ", Math.max(1, millis));
            } catch (AssertionError none) {
                // what we want
            }
            assertTrue("the call dropped: " + bye, bye == null);
        }
        String calls = executeCommand("tabphone:calls");
        assertTrue(calls, calls.contains("ANSWERED") && calls.contains("1 live"));
    }

    // ---------------------------------------------------------------------------------------------
    // OSGi and log helpers
    // ---------------------------------------------------------------------------------------------

    private Bundle bundle(String bsn) {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
            .orElseThrow(() -> new AssertionError("no bundle " + bsn));
    }

    /** The newest CDR of tenant demo whose callee leg spoke {@code codec} (only the transcoding test's does). */
    private CdrRecord newestRecordWithCalleeCodec(String codec) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            ServiceReference<CdrStore> ref = bundleContext.getServiceReference(CdrStore.class);
            CdrStore store = ref == null ? null : bundleContext.getService(ref);
            List<CdrRecord> found = store == null ? List.of() : store.search(new CdrQuery("demo", "", "", 20));
            for (CdrRecord r : found) {
                if (codec.equals(r.calleeCodec())) {
                    return r;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                fail("no CDR with callee codec " + codec + " among " + found);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitState(Bundle bundle, int state, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (bundle.getState() != state) {
            if (System.currentTimeMillis() > deadline) {
                fail(bundle.getSymbolicName() + " is in state " + bundle.getState() + ", not " + state);
            }
            Thread.sleep(20);
        }
    }

    private static Path karafLog() {
        return Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    /** How long karaf.log is now: {@link #awaitLog} looks only at what is written after. */
    private static long logMark() throws IOException {
        return Files.isRegularFile(karafLog()) ? Files.size(karafLog()) : 0;
    }

    /** Waits until karaf.log has, after {@code mark}, a line containing {@code text}. */
    private static void awaitLog(long mark, String text, long millis) throws Exception {
        Path log = karafLog();
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            if (Files.isRegularFile(log)) {
                byte[] all = Files.readAllBytes(log);
                String tail = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                    StandardCharsets.UTF_8);
                if (tail.contains(text)) {
                    return;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                fail("no '" + text + "' in " + log);
            }
            Thread.sleep(50);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // RTP
    // ---------------------------------------------------------------------------------------------

    /**
     * Waits for {@code count} packets of payload type {@code pt} whose payload is one of
     * {@code expected}; any other packet fails. Returns when the first matching one arrived (nanoTime).
     */
    private static long expectTranscoded(Rtp rtp, int pt, byte[][] expected, int count, long millis, String what)
        throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        long first = 0;
        for (int n = 0; n < count; n++) {
            Rtp.Received r = rtp.next(deadline - System.currentTimeMillis());
            assertNotNull(what + ": " + n + " of " + count + " packets within " + millis + " ms", r);
            assertEquals(what + ": payload type", pt, r.data[1] & 0x7F);
            byte[] got = payload(r.data);
            assertTrue(what + ": payload not the G.711 table mapping: " + hex(got),
                Arrays.equals(expected[0], got) || Arrays.equals(expected[1], got));
            if (n == 0) {
                first = r.nanos;
            }
        }
        return first;
    }

    /** Waits for {@code count} packets of {@code pt} carrying {@code expected}; any other packet fails. */
    private static List<byte[]> expectPayload(Rtp rtp, int pt, byte[] expected, int count, long millis, String what)
        throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        List<byte[]> got = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Rtp.Received r = rtp.next(deadline - System.currentTimeMillis());
            assertNotNull(what + ": " + n + " of " + count + " packets within " + millis + " ms", r);
            assertEquals(what + ": payload type", pt, r.data[1] & 0x7F);
            assertTrue(what + ": unexpected payload " + hex(payload(r.data)), Arrays.equals(expected, payload(r.data)));
            got.add(r.data);
        }
        return got;
    }

    private static byte[] payload(byte[] rtp) {
        int off = 12 + 4 * (rtp[0] & 0x0F);
        if ((rtp[0] & 0x10) != 0) {
            off += 4 + 4 * (((rtp[off + 2] & 0xFF) << 8) | (rtp[off + 3] & 0xFF));
        }
        return Arrays.copyOfRange(rtp, off, rtp.length);
    }

    private static int ssrc(byte[] rtp) {
        return ((rtp[8] & 0xFF) << 24) | ((rtp[9] & 0xFF) << 16) | ((rtp[10] & 0xFF) << 8) | (rtp[11] & 0xFF);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 24); i++) {
            s.append(String.format("%02x", b[i] & 0xFF));
        }
        return s + (b.length > 24 ? "… (" + b.length + " bytes)" : "");
    }

    private static byte[] codes(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] fill(byte value) {
        byte[] b = new byte[160];
        Arrays.fill(b, value);
        return b;
    }

    /**
     * A phone's RTP socket at the port its SDP names: a reader thread queues what arrives; a timer
     * sends every 20 ms. Like a phone it holds the RTCP port above it too (RFC 3550 §11: an even
     * RTP port, RTCP on the next one), where the gateway's reports land unread — an ephemeral RTP
     * port alone could sit just above another test socket and get that leg's RTCP.
     */
    static final class Rtp implements AutoCloseable {
        private static final AtomicInteger SSRC = new AtomicInteger(0x7AB0000);

        record Received(byte[] data, long nanos) {
        }

        final DatagramSocket socket;
        private final DatagramSocket rtcpSink;
        private final LinkedBlockingQueue<Received> in = new LinkedBlockingQueue<>();
        private final Thread reader;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "itest-rtp-send");
            t.setDaemon(true);
            return t;
        });
        private final int ssrc = SSRC.incrementAndGet();
        private ScheduledFuture<?> sending;
        private int seq = 1000;
        private int ts = 160_000;
        private int packets;

        Rtp() throws SocketException {
            DatagramSocket[] pair = evenPortPair();
            socket = pair[0];
            rtcpSink = pair[1];
            reader = new Thread(this::read, "itest-rtp-read-" + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void read() {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (IOException closed) {
                    return;
                }
                in.add(new Received(Arrays.copyOf(buf, p.getLength()), System.nanoTime()));
            }
        }

        /** Sends a packet of {@code pt} to the gateway's {@code port} every 20 ms; payload n from {@code payloads}. */
        synchronized void startSending(int port, int pt, IntFunction<byte[]> payloads) {
            stopSending();
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
            sending = timer.scheduleAtFixedRate(() -> {
                byte[] payload = payloads.apply(packets++);
                byte[] p = new byte[12 + payload.length];
                p[0] = (byte) 0x80;
                p[1] = (byte) pt;
                p[2] = (byte) (seq >> 8);
                p[3] = (byte) seq;
                p[4] = (byte) (ts >> 24);
                p[5] = (byte) (ts >> 16);
                p[6] = (byte) (ts >> 8);
                p[7] = (byte) ts;
                p[8] = (byte) (ssrc >> 24);
                p[9] = (byte) (ssrc >> 16);
                p[10] = (byte) (ssrc >> 8);
                p[11] = (byte) ssrc;
                System.arraycopy(payload, 0, p, 12, payload.length);
                seq = (seq + 1) & 0xFFFF;
                ts += payload.length;
                try {
                    socket.send(new DatagramPacket(p, p.length, to));
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        synchronized void stopSending() {
            if (sending != null) {
                sending.cancel(false);
                sending = null;
            }
        }

        /** The next packet within {@code millis}, or null. */
        Received next(long millis) throws InterruptedException {
            return in.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
        }

        void clear() {
            in.clear();
        }

        /** Everything that arrives within {@code millis} (0: what is queued now). */
        List<byte[]> collect(long millis) throws InterruptedException {
            if (millis > 0) {
                Thread.sleep(millis);
            }
            List<Received> all = new ArrayList<>();
            in.drainTo(all);
            List<byte[]> out = new ArrayList<>();
            all.forEach(r -> out.add(r.data));
            return out;
        }

        /** An even ephemeral port and the one above it, both bound on loopback. */
        private static DatagramSocket[] evenPortPair() throws SocketException {
            for (int attempt = 0; attempt < 100; attempt++) {
                DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                int port = rtp.getLocalPort();
                if (port % 2 == 0) {
                    try {
                        return new DatagramSocket[] {rtp, new DatagramSocket(new InetSocketAddress("127.0.0.1", port + 1))};
                    } catch (SocketException taken) {
                        // the RTCP port is someone else's: try another pair
                    }
                }
                rtp.close();
            }
            throw new SocketException("no free even RTP/RTCP port pair on loopback");
        }

        @Override
        public void close() {
            timer.shutdownNow();
            socket.close();
            rtcpSink.close();
        }
    }

    /** The G.711 reference tables of shared/testdata/vectors/g711 (Sun's g711.c), for expected payloads. */
    static final class G711 {
        final short[] alawDecode = new short[256];
        final short[] ulawDecode = new short[256];
        /** Index sample + 32768. */
        final byte[] alawEncode;
        final byte[] ulawEncode;

        private G711(Path dir) throws IOException {
            for (String line : Files.readAllLines(dir.resolve("decode_tables.tsv"))) {
                String[] f = line.split("\t");
                if (!f[0].matches("\\d+")) {
                    continue;
                }
                int code = Integer.parseInt(f[0]);
                alawDecode[code] = Short.parseShort(f[2]);
                ulawDecode[code] = Short.parseShort(f[3]);
            }
            alawEncode = Files.readAllBytes(dir.resolve("alaw_encode_s16_all.bin"));
            ulawEncode = Files.readAllBytes(dir.resolve("ulaw_encode_s16_all.bin"));
            assertEquals(65536, alawEncode.length);
            assertEquals(65536, ulawEncode.length);
        }

        static G711 load() throws IOException {
            String base = System.getProperty("tabphone.testdata");
            assertNotNull("system property tabphone.testdata", base);
            Path dir = Path.of(base, "vectors", "g711");
            assertTrue("G.711 vectors at " + dir, Files.isDirectory(dir));
            return new G711(dir);
        }

        byte[] ulawToAlaw(byte[] ulaw) {
            byte[] out = new byte[ulaw.length];
            for (int i = 0; i < ulaw.length; i++) {
                out[i] = alawEncode[ulawDecode[ulaw[i] & 0xFF] + 32768];
            }
            return out;
        }

        byte[] alawToUlaw(byte[] alaw) {
            byte[] out = new byte[alaw.length];
            for (int i = 0; i < alaw.length; i++) {
                out[i] = ulawEncode[alawDecode[alaw[i] & 0xFF] + 32768];
            }
            return out;
        }
    }
}
