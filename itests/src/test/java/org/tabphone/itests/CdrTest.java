package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.ObjectName;

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
 * CDRs in the real assembly: quick calls between two raw UDP phones each leave one signed record
 * with the right fields, {@code tabphone:cdr-verify} passes, an edited byte makes it fail naming
 * the record, and calls that end while the CDR bundle is stopped are written when it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CdrTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String CDR_BSN = "org.tabphone.cdr";
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio %d RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    @Test
    public void twentyQuickCallsLeaveTwentySignedRecordsWithTheirFields() throws Exception {
        long before = store().stats().lastSeq();
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            for (int i = 0; i < 20; i++) {
                call(a, b, "q" + i, i % 2 == 0);
            }
            cancelledCall(a, b, "qc");
            b.unregister();
        }
        awaitRecords(before + 21);

        for (int i = 0; i < 20; i++) {
            CdrRecord r = only("q" + i);
            assertEquals("demo", r.tenant());
            assertEquals("sip:1002@" + DOMAIN, r.callee());
            assertEquals("phone->phone", r.direction());
            assertEquals("", r.trunk());
            assertEquals(200, r.cause());
            assertEquals(i % 2 == 0 ? "caller" : "callee", r.endedBy());
            assertNotNull(r.answered());
            assertFalse(r.answered().isBefore(r.started()));
            assertFalse(r.ended().isBefore(r.answered()));
            assertEquals(r.ended().toEpochMilli() - r.answered().toEpochMilli(), r.durationMillis(), 1);
            assertTrue("numbered after the records before: " + r, r.seq() > before && r.seq() <= before + 21);
        }
        CdrRecord cancelled = only("qc");
        assertEquals(487, cancelled.cause());
        assertEquals("caller", cancelled.endedBy());
        assertNull(cancelled.answered());
        assertEquals(0, cancelled.durationMillis());
        assertEquals("phone->none", cancelled.direction());

        String verify = executeCommand("tabphone:cdr-verify");
        assertTrue(verify, verify.contains("CDR store OK") && verify.contains("signatures and hash chain intact"));
        String listed = executeCommand("tabphone:cdrs --caller cdr-q7@ -n 5");
        assertTrue(listed, listed.contains("sip:cdr-q7@127.0.0.1") && listed.contains("1 shown"));
        String key = executeCommand("tabphone:cdr-key");
        assertTrue(key, key.startsWith("-----BEGIN PUBLIC KEY-----"));
        ObjectName cdr = new ObjectName("org.tabphone:type=Cdr");
        long written = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(cdr, "RecordsWritten");
        assertTrue("RecordsWritten " + written, written >= 21);
        assertEquals("", ManagementFactory.getPlatformMBeanServer().getAttribute(cdr, "LastWriteError"));
        assertEquals(0, ManagementFactory.getPlatformMBeanServer().getAttribute(cdr, "QueueLength"));
    }

    @Test
    public void callsEndingWhileTheCdrBundleIsStoppedAreWrittenWhenItIsBack() throws Exception {
        Bundle cdr = Arrays.stream(bundleContext.getBundles()).filter(x -> CDR_BSN.equals(x.getSymbolicName()))
            .findFirst().orElseThrow();
        long before = store().stats().lastSeq();
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            call(a, b, "r0", true);
            cdr.stop();
            try {
                for (int i = 1; i <= 3; i++) {
                    call(a, b, "r" + i, false);
                }
            } finally {
                cdr.start();
            }
            call(a, b, "r4", true);
            b.unregister();
        }
        awaitRecords(before + 5);
        for (int i = 0; i <= 4; i++) {
            assertEquals(200, only("r" + i).cause());
        }
        String verify = executeCommand("tabphone:cdr-verify");
        assertTrue(verify, verify.contains("CDR store OK"));
    }

    @Test
    public void anEditedByteInTheStoreMakesVerifyNameTheRecord() throws Exception {
        long before = store().stats().lastSeq();
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            call(a, b, "e0", true);
            b.unregister();
        }
        awaitRecords(before + 1);
        CdrRecord r = only("e0");
        Path file = newestFile();
        byte[] original = Files.readAllBytes(file);
        String text = new String(original, StandardCharsets.UTF_8);
        int at = text.indexOf("sip:cdr-e0@");
        assertTrue(at > 0);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(text.substring(0, at).getBytes(StandardCharsets.UTF_8).length + 4);
            f.write('X'); // "sip:cdr-e0" → "sip:Xdr-e0"
        }
        try {
            String out = executeCommand("tabphone:cdr-verify");
            fail("verify passed an edited store: " + out);
        } catch (Exception e) {
            String all = e.getMessage();
            List<String> problems = store().verify().problems().stream().map(p -> p.detail()).collect(Collectors.toList());
            assertTrue(all, all.contains("FAILED verification: 1 problem"));
            assertEquals(List.of("record " + r.seq() + " (call " + r.call() + ") was edited: its signature does not match"),
                problems);
        } finally {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.write(original, 0, original.length); // the writer only appends: the rest is unchanged
            }
        }
        assertTrue(store().verify().ok());
    }

    // ---------------------------------------------------------------------------------------------

    /** One answered call from a caller named {@code cdr-<name>} to 1002; the caller or the callee hangs up. */
    private static void call(SipPhone a, SipPhone b, String name, boolean callerHangsUp) throws Exception {
        String callId = "cdr-" + name;
        a.send(invite(a, callId));
        String inv = b.expect("INVITE ", 3000);
        String tag = "b" + name;
        b.reply(SipPhone.response(inv, 180, "Ringing", tag, "", null));
        b.reply(SipPhone.response(inv, 200, "OK", tag, "Contact: <sip:1002@127.0.0.1:" + b.port() + ">\r\n",
            String.format(SDP, 50000)));
        String ok = a.expect("SIP/2.0 200", 3000);
        b.expect("ACK ", 2000);
        a.send(inDialog(a, "ACK", 1, ok, callId));
        if (callerHangsUp) {
            a.send(inDialog(a, "BYE", 2, ok, callId));
            a.expect("SIP/2.0 200", 2000);
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
        } else {
            String gw = SipPhone.header(inv, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
            b.send("BYE " + gw + " SIP/2.0\r\n" + b.via() + "\r\nMax-Forwards: 70\r\n"
                + "From: " + SipPhone.header(inv, "To") + ";tag=" + tag + "\r\nTo: " + SipPhone.header(inv, "From") + "\r\n"
                + "Call-ID: " + SipPhone.header(inv, "Call-ID") + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
            b.expect("SIP/2.0 200", 2000);
            String bye = a.expect("BYE ", 2000);
            a.reply(SipPhone.response(bye, 200, "OK", null, "", null));
        }
    }

    /** A call the caller cancels while 1002 rings. */
    private static void cancelledCall(SipPhone a, SipPhone b, String name) throws Exception {
        String callId = "cdr-" + name;
        String invite = invite(a, callId);
        a.send(invite);
        String inv = b.expect("INVITE ", 3000);
        b.reply(SipPhone.response(inv, 180, "Ringing", "b" + name, "", null));
        a.expect("SIP/2.0 180", 2000);
        a.send(invite.substring(0, invite.indexOf("Contact:")).replace("INVITE sip:", "CANCEL sip:")
            .replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL") + "Content-Length: 0\r\n\r\n");
        String cancel = b.expect("CANCEL ", 2000);
        b.reply(SipPhone.response(cancel, 200, "OK", "b" + name, "", null));
        b.reply(SipPhone.response(inv, 487, "Request Terminated", "b" + name, "", null));
        a.expect("SIP/2.0 487", 2000);
    }

    private static String invite(SipPhone a, String callId) {
        String sdp = String.format(SDP, 40000);
        return "INVITE sip:1002@" + DOMAIN + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: <sip:1002@" + DOMAIN + ">\r\nFrom: <sip:" + callId + "@127.0.0.1>;tag=a-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:" + a.port() + ">\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String inDialog(SipPhone a, String method, int cseq, String ok, String callId) {
        String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(ok, "To") + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    /** The current CDR store service (a restarted bundle registers a new one), waiting up to 10 s. */
    private CdrStore store() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            ServiceReference<CdrStore> ref = bundleContext.getServiceReference(CdrStore.class);
            CdrStore s = ref == null ? null : bundleContext.getService(ref);
            if (s != null) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no CdrStore service");
            }
            Thread.sleep(50);
        }
    }

    private void awaitRecords(long seq) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (store().stats().lastSeq() < seq) {
            if (System.currentTimeMillis() > deadline) {
                fail("CDRs written up to " + store().stats().lastSeq() + ", expected " + seq);
            }
            Thread.sleep(50);
        }
    }

    /** The one record of the call whose caller is {@code cdr-<name>}. */
    private CdrRecord only(String name) throws InterruptedException {
        List<CdrRecord> found = store().search(new CdrQuery("demo", "sip:cdr-" + name + "@", "", 10));
        assertEquals("records of cdr-" + name + ": " + found, 1, found.size());
        return found.get(0);
    }

    private Path newestFile() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(store().stats().directory()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).max(Path::compareTo).orElseThrow();
        }
    }
}
