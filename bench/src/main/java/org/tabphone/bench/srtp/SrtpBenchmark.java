package org.tabphone.bench.srtp;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jitsi.srtp.crypto.Aes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tabphone.media.internal.srtp.SrtpBackend;
import org.tabphone.media.internal.srtp.SrtpProfile;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * Cost of SRTP on one core for a G.711 packet: 12-byte RTP header + 160-byte payload (20 ms at
 * 8 kHz), through {@link SrtpSession} exactly as a media leg calls it (in place on a byte[]).
 *
 * <ul>
 *   <li>{@code protect}: copy the 172-byte plain packet into the work buffer, set the next sequence
 *       number, protect (encrypt + tag). Sequence numbers wrap, so the ROC advances as in a call.</li>
 *   <li>{@code unprotect}: copy the next of 4096 pre-protected packets into the work buffer and
 *       unprotect (replay check, authenticate, decrypt). After the 4096th the receiver is rebuilt
 *       (fresh replay window): one key derivation per 4096 packets is included in the average.</li>
 * </ul>
 *
 * <p>{@code aes} pins jitsi-srtp's AES implementation for the fork ({@code OpenSSL} or {@code SunJCE});
 * {@code auto} lets jitsi pick by its own start-up micro-benchmark. HMAC-SHA1 uses OpenSSL whenever the
 * native library loaded. The setup prints which crypto the fork runs on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpBenchmark {
    static final int RTP_LENGTH = 172;
    static final int RING = 4096;

    @Param({"AES128_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    @Param({"OpenSSL", "SunJCE"})
    public String aes;

    private SrtpProfile srtpProfile;
    private byte[] material;
    private byte[] plain;
    private byte[] work;
    private byte[][] ring;
    private SrtpSession sender;
    private SrtpSession receiver;
    private int seq;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        if (!"auto".equals(aes)) {
            Aes.setFactoryClassName(aes);
        }
        srtpProfile = SrtpProfile.valueOf(profile);
        material = new byte[srtpProfile.keyingMaterialLength()];
        new Random(3711).nextBytes(material);
        plain = new byte[RTP_LENGTH];
        plain[0] = (byte) 0x80;
        plain[1] = 8; // PCMA
        plain[8] = 0x12;
        plain[9] = 0x34;
        plain[10] = 0x56;
        plain[11] = 0x78;
        for (int i = 12; i < RTP_LENGTH; i++) {
            plain[i] = (byte) (0xD5 ^ i);
        }
        work = new byte[RTP_LENGTH + srtpProfile.rtpOverhead()];
        sender = SrtpSession.fromDtlsKeyingMaterial(srtpProfile, material, true);
        SrtpSession ringSender = SrtpSession.fromDtlsKeyingMaterial(srtpProfile, material, true);
        ring = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            byte[] b = new byte[work.length];
            System.arraycopy(plain, 0, b, 0, RTP_LENGTH);
            b[2] = (byte) (i >>> 8);
            b[3] = (byte) i;
            if (ringSender.protectRtp(b, 0, RTP_LENGTH) != b.length) {
                throw new IllegalStateException("protect failed in setup");
            }
            ring[i] = b;
        }
        receiver = SrtpSession.fromDtlsKeyingMaterial(srtpProfile, material, false);
        System.out.println();
        System.out.println("[SRTP backend] " + profile + ", aes=" + aes + ": " + SrtpBackend.describe());
    }

    @Benchmark
    public int protect() {
        System.arraycopy(plain, 0, work, 0, RTP_LENGTH);
        int s = seq++;
        work[2] = (byte) (s >>> 8);
        work[3] = (byte) s;
        int n = sender.protectRtp(work, 0, RTP_LENGTH);
        if (n < 0) {
            throw new IllegalStateException("protect: " + n);
        }
        return n;
    }

    @Benchmark
    public int unprotect() {
        byte[] src = ring[next];
        System.arraycopy(src, 0, work, 0, src.length);
        int n = receiver.unprotectRtp(work, 0, src.length);
        if (n < 0) {
            throw new IllegalStateException("unprotect: " + n);
        }
        if (++next == RING) {
            next = 0;
            receiver = SrtpSession.fromDtlsKeyingMaterial(srtpProfile, material, false);
        }
        return n;
    }
}
