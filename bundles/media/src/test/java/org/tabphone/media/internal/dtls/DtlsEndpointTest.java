package org.tabphone.media.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.media.internal.dtls.DtlsTestSupport.BROWSER;
import static org.tabphone.media.internal.dtls.DtlsTestSupport.STRANGER;
import static org.tabphone.media.internal.dtls.DtlsTestSupport.TABPHONE;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tabphone.media.internal.dtls.DtlsTestSupport.RecordingListener;
import org.tabphone.media.internal.srtp.SrtpProfile;

/** Two endpoints over an in-memory {@link DatagramPipe}: "us" (tabphone) and "browser". */
class DtlsEndpointTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<SrtpProfile> BOTH = DtlsEndpointConfig.DEFAULT_PROFILES;

    private final ThreadPoolExecutor pool = DtlsTestSupport.newPool("dtls-test");
    private final DatagramPipe pipe = new DatagramPipe();
    private final RecordingListener usEvents = new RecordingListener();
    private final RecordingListener browserEvents = new RecordingListener();
    private DtlsEndpoint us;
    private DtlsEndpoint browser;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (us != null) {
            us.close();
        }
        if (browser != null) {
            browser.close();
        }
        assertTrue(DtlsTestSupport.terminates(pool), "handshake/drain threads must finish");
    }

    private void endpoints(DtlsEndpointConfig usConfig, DtlsEndpointConfig browserConfig) {
        us = new DtlsEndpoint("us", usConfig, pipe.a, pool, usEvents);
        browser = new DtlsEndpoint("browser", browserConfig, pipe.b, pool, browserEvents);
        pipe.a.endpoint = us;
        pipe.b.endpoint = browser;
    }

    private void endpoints() {
        endpoints(DtlsTestSupport.config(TABPHONE, TIMEOUT, BOTH), DtlsTestSupport.config(BROWSER, TIMEOUT, BOTH));
    }

    private void startBoth(DtlsRole ourRole) {
        DtlsRole theirs = ourRole == DtlsRole.SERVER ? DtlsRole.CLIENT : DtlsRole.SERVER;
        assertTrue(us.start(ourRole, List.of(BROWSER.fingerprint())));
        assertTrue(browser.start(theirs, List.of(TABPHONE.fingerprint())));
    }

    private static DtlsResult await(DtlsEndpoint e) throws Exception {
        return e.result().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(DtlsRole.class)
    void rfc5764_4_2_bothRolesDeriveTheSameKeyingMaterial(DtlsRole ourRole) throws Exception {
        endpoints();
        startBoth(ourRole);
        DtlsResult ours = await(us);
        DtlsResult theirs = await(browser);

        assertTrue(ours.isConnected(), ours::toString);
        assertTrue(theirs.isConnected(), theirs::toString);
        assertEquals(DtlsState.CONNECTED, us.state());
        assertEquals(ourRole == DtlsRole.CLIENT, ours.isClient());
        assertNotEquals(ours.isClient(), theirs.isClient());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, ours.profile(), "GCM is preferred when offered");
        assertEquals(0x0007, ours.profileId());
        assertEquals(theirs.profileId(), ours.profileId());
        assertEquals(56, ours.keyingMaterial().length, "2 * (16 + 12)");
        assertArrayEquals(theirs.keyingMaterial(), ours.keyingMaterial());
        assertArrayEquals(theirs.remoteMasterKey(), ours.localMasterKey());
        assertArrayEquals(theirs.remoteMasterSalt(), ours.localMasterSalt());
        assertArrayEquals(theirs.localMasterKey(), ours.remoteMasterKey());
        assertEquals(12, ours.localMasterSalt().length);
        assertEquals(BROWSER.fingerprint(), ours.remoteFingerprint());
        assertTrue(ours.cipherSuite().startsWith("TLS_ECDHE_ECDSA_"), ours.cipherSuite());
        assertEquals(1, usEvents.results.size());
        assertTrue(usEvents.threads.get(0).startsWith("dtls-test-"), "listener runs on the executor");
        System.out.printf("handshake as %s: us %d ms, browser %d ms, %s%n", ourRole,
            ours.handshakeTime().toMillis(), theirs.handshakeTime().toMillis(), ours.cipherSuite());
    }

    @Test
    void rfc5764_4_1_2_aesCmWhenTheClientOffersOnlyAesCm() throws Exception {
        endpoints(DtlsTestSupport.config(TABPHONE, TIMEOUT, BOTH),
            DtlsTestSupport.config(BROWSER, TIMEOUT, List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80)));
        startBoth(DtlsRole.SERVER);
        DtlsResult ours = await(us);
        assertTrue(ours.isConnected(), ours::toString);
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, ours.profile());
        assertEquals(0x0001, ours.profileId());
        assertEquals(60, ours.keyingMaterial().length, "2 * (16 + 14)");
        assertEquals(14, ours.remoteMasterSalt().length);
        assertArrayEquals(await(browser).keyingMaterial(), ours.keyingMaterial());
    }

    @Test
    void rfc5764_4_1_1_serverPicksItsPreferredProfileAmongTheOffered() throws Exception {
        endpoints(DtlsTestSupport.config(TABPHONE, TIMEOUT, List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80)),
            DtlsTestSupport.config(BROWSER, TIMEOUT, BOTH));
        startBoth(DtlsRole.SERVER);
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, await(us).profile());
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, await(browser).profile());
    }

    @Test
    void defaultProfilesAreGcmThenCmSha1_80WithBouncyCastleIds() {
        assertEquals(List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80), BOTH);
        assertEquals(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SrtpProfile.AEAD_AES_128_GCM.id());
        assertEquals(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, SrtpProfile.AES128_CM_HMAC_SHA1_80.id());
    }

    @Test
    void rfc5764_4_1_1_noCommonProfileFails() throws Exception {
        endpoints(DtlsTestSupport.config(TABPHONE, TIMEOUT, List.of(SrtpProfile.AEAD_AES_128_GCM)),
            DtlsTestSupport.config(BROWSER, TIMEOUT, List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80)));
        startBoth(DtlsRole.SERVER);
        DtlsResult ours = await(us);
        assertFalse(ours.isConnected());
        assertTrue(ours.failureReason().contains("no common SRTP protection profile"), ours::failureReason);
        assertEquals(DtlsState.FAILED, us.state());
        assertFalse(await(browser).isConnected());
    }

    @ParameterizedTest
    @EnumSource(DtlsRole.class)
    void rfc5763_5_fingerprintMismatchFailsOnTheVerifyingSide(DtlsRole ourRole) throws Exception {
        endpoints();
        DtlsRole theirs = ourRole == DtlsRole.SERVER ? DtlsRole.CLIENT : DtlsRole.SERVER;
        us.start(ourRole, List.of(STRANGER.fingerprint()));      // the SDP said someone else
        browser.start(theirs, List.of(TABPHONE.fingerprint()));
        DtlsResult ours = await(us);
        assertFalse(ours.isConnected());
        assertEquals(DtlsState.FAILED, us.state());
        assertTrue(ours.failureReason().startsWith("remote certificate fingerprint mismatch"), ours::failureReason);
        assertTrue(ours.failureReason().contains(BROWSER.fingerprint().toSdpValue()), ours::failureReason);
        assertThrows(IllegalStateException.class, ours::localMasterKey);
        DtlsResult theirsResult = await(browser);
        assertFalse(theirsResult.isConnected(), "the peer learns through the alert or its timeout");
        assertEquals(1, usEvents.results.size());
    }

    @Test
    void rfc8122_5_anyOfSeveralFingerprintsMayMatch() throws Exception {
        endpoints();
        us.start(DtlsRole.SERVER, List.of(STRANGER.fingerprint(), BROWSER.fingerprint("sha-1")));
        browser.start(DtlsRole.CLIENT, List.of(TABPHONE.fingerprint("sha-512")));
        assertTrue(await(us).isConnected());
        assertEquals("sha-1", await(us).remoteFingerprint().hashFunction());
        assertTrue(await(browser).isConnected());
    }

    @ParameterizedTest
    @EnumSource(DtlsRole.class)
    void silentPeerTimesOutAndLeavesNoThread(DtlsRole ourRole) throws Exception {
        us = new DtlsEndpoint("us", DtlsTestSupport.config(TABPHONE, Duration.ofMillis(1500), BOTH),
            d -> { }, pool, usEvents);
        long t0 = System.nanoTime();
        us.start(ourRole, List.of(BROWSER.fingerprint()));
        DtlsResult r = await(us);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertFalse(r.isConnected());
        assertEquals(DtlsState.FAILED, us.state());
        assertTrue(r.failureReason().contains("timed out"), r::failureReason);
        assertTrue(took >= 1400 && took < 4000, "took " + took + " ms");
        assertEquals(ourRole == DtlsRole.CLIENT, r.isClient());
        waitUntil(() -> pool.getActiveCount() == 0);
        assertFalse(us.onDatagram(clientHelloLike()), "a failed endpoint takes no more datagrams");
    }

    @Test
    void rfc6347_4_2_4_lostFirstFlightIsRetransmitted() throws Exception {
        endpoints();
        pipe.b.drop = DatagramPipe.dropFirst(1, d -> DatagramPipe.handshakeType(d) == 1); // ClientHello
        startBoth(DtlsRole.SERVER);
        DtlsResult ours = await(us);
        assertTrue(ours.isConnected(), ours::toString);
        assertArrayEquals(await(browser).keyingMaterial(), ours.keyingMaterial());
        assertEquals(1, pipe.b.dropped.get());
        assertTrue(await(browser).handshakeTime().toMillis() >= 900, "waited for BC's 1 s retransmission");
    }

    @Test
    void rfc6347_4_2_4_lostFinalFlightIsAnsweredAfterCompletion() throws Exception {
        endpoints();
        // our last flight as server: ChangeCipherSpec (type 20) and Finished (epoch 1); drop both once
        pipe.a.drop = DatagramPipe.dropFirst(2,
            d -> DatagramPipe.contentType(d) == 20 || DatagramPipe.epoch(d) == 1);
        startBoth(DtlsRole.SERVER);
        DtlsResult ours = await(us);
        assertTrue(ours.isConnected(), ours::toString);
        DtlsResult theirs = await(browser);
        assertTrue(theirs.isConnected(), "client completes only if the connected server retransmits: " + theirs);
        assertArrayEquals(theirs.keyingMaterial(), ours.keyingMaterial());
        assertEquals(2, pipe.a.dropped.get());
        assertTrue(theirs.handshakeTime().toMillis() >= 900, "client waited for its 1 s retransmission: " + theirs);
        assertEquals(DtlsState.CONNECTED, us.state());
        assertEquals(1, usEvents.results.size(), "no second handshake");
        waitUntil(() -> pool.getActiveCount() == 0);
    }

    @Test
    void retransmittedClientHelloAfterCompletionDoesNotRestartTheHandshake() throws Exception {
        endpoints();
        startBoth(DtlsRole.SERVER);
        DtlsResult ours = await(us);
        await(browser);
        byte[] clientHello = pipe.b.sent().stream().filter(d -> DatagramPipe.handshakeType(d) == 1).findFirst()
            .orElseThrow();
        int sentBefore = pipe.a.sentCount();

        assertTrue(us.onDatagram(clientHello.clone()));
        assertTrue(us.onDatagram(clientHello.clone()));
        Thread.sleep(300);

        assertEquals(DtlsState.CONNECTED, us.state());
        assertEquals(sentBefore, pipe.a.sentCount(), "no ServerHello flight in reply");
        assertEquals(1, usEvents.results.size());
        assertTrue(ours == us.resultNow());
        waitUntil(() -> pool.getActiveCount() == 0);
    }

    @Test
    void startIsIdempotent() throws Exception {
        endpoints();
        startBoth(DtlsRole.SERVER);
        assertFalse(us.start(DtlsRole.SERVER, List.of(BROWSER.fingerprint())), "retransmitted 200 OK");
        assertFalse(us.start(DtlsRole.CLIENT, List.of(BROWSER.fingerprint())));
        assertTrue(await(us).isConnected());
        assertFalse(us.start(DtlsRole.SERVER, List.of(BROWSER.fingerprint())));
        assertEquals(1, usEvents.results.size());
        assertEquals(DtlsRole.SERVER, us.role());
    }

    @Test
    void datagramsBeforeStartAreBuffered() throws Exception {
        endpoints();
        assertTrue(browser.start(DtlsRole.CLIENT, List.of(TABPHONE.fingerprint())));
        waitUntil(() -> pipe.b.sentCount() > 0);                 // the ClientHello beat our SDP answer
        assertEquals(DtlsState.NEW, us.state());
        assertTrue(us.start(DtlsRole.SERVER, List.of(BROWSER.fingerprint())));
        DtlsResult ours = await(us);
        assertTrue(ours.isConnected());
        assertTrue(ours.handshakeTime().toMillis() < 900, "no retransmission needed: " + ours);
    }

    @Test
    void closeDuringHandshakeStopsTheThreadAndReportsOnce() throws Exception {
        us = new DtlsEndpoint("us", DtlsTestSupport.config(TABPHONE, TIMEOUT, BOTH), d -> { }, pool, usEvents);
        us.start(DtlsRole.SERVER, List.of(BROWSER.fingerprint()));
        waitUntil(() -> pool.getActiveCount() == 1);
        us.close();
        us.close();
        assertEquals(DtlsState.CLOSED, us.state());
        waitUntil(() -> pool.getActiveCount() == 0);
        DtlsResult r = await(us);
        assertFalse(r.isConnected());
        assertEquals("closed before the handshake completed", r.failureReason());
        assertEquals(1, usEvents.results.size());
        assertFalse(us.start(DtlsRole.SERVER, List.of(BROWSER.fingerprint())));
    }

    @Test
    void closeAfterConnectSendsCloseNotifyToThePeer() throws Exception {
        endpoints();
        startBoth(DtlsRole.SERVER);
        await(us);
        await(browser);
        us.close();
        assertEquals(DtlsState.CLOSED, us.state());
        // the state turns CLOSED a moment before the close is reported: wait for both
        waitUntil(() -> browser.state() == DtlsState.CLOSED && !browserEvents.closes.isEmpty());
        assertEquals(List.of("peer sent close_notify"), browserEvents.closes);
        assertTrue(usEvents.closes.isEmpty(), "a local close is not reported as a peer close");
    }

    @Test
    void rfc7983_onlyDtlsFirstBytesAreAccepted() {
        endpoints();
        byte[] rtp = clientHelloLike();
        rtp[0] = (byte) 0x80;
        assertFalse(us.onDatagram(rtp));
        byte[] stun = clientHelloLike();
        stun[0] = 0x00;
        assertFalse(us.onDatagram(stun));
        assertFalse(us.onDatagram(new byte[] {22, (byte) 0xFE, (byte) 0xFD}), "shorter than a record header");
        assertTrue(us.onDatagram(clientHelloLike()));
        assertTrue(us.onDatagram(io.netty.buffer.Unpooled.wrappedBuffer(clientHelloLike())));
    }

    @Test
    void fullQueueDropsInsteadOfBlocking() {
        us = new DtlsEndpoint("us", DtlsEndpointConfig.builder(TABPHONE).receiveQueueCapacity(4).build(),
            d -> { }, pool, usEvents);
        for (int i = 0; i < 4; i++) {
            assertTrue(us.onDatagram(clientHelloLike()));
        }
        assertFalse(us.onDatagram(clientHelloLike()));
        assertEquals(1, us.droppedDatagrams());
    }

    @Test
    void startNeedsAFingerprint() {
        endpoints();
        assertThrows(IllegalArgumentException.class, () -> us.start(DtlsRole.SERVER, List.of()));
        assertEquals(DtlsState.NEW, us.state());
        assertNull(us.resultNow());
    }

    private static byte[] clientHelloLike() {
        byte[] d = new byte[40];
        d[0] = 22;
        d[1] = (byte) 0xFE;
        d[2] = (byte) 0xFD;
        return d;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
