package org.tabphone.media.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaService;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.media.api.MediaTap;
import org.tabphone.media.internal.dtls.DtlsCertificate;
import org.tabphone.media.internal.dtls.DtlsCertificateException;
import org.tabphone.media.internal.dtls.DtlsCertificateStore;
import org.tabphone.media.internal.dtls.DtlsEndpointConfig;
import org.tabphone.media.internal.srtp.SrtpBackend;
import org.tabphone.media.internal.tap.TapDispatcher;
import org.tabphone.sdp.api.SessionDescription;

/**
 * The media service: one Netty event-loop group for every media port (each session on one
 * loop), a small pool for blocking DTLS handshakes, the codec services, and the settings of
 * {@code org.tabphone.media} (applied to new sessions; running ones keep theirs).
 */
@Component(service = MediaService.class, immediate = true, configurationPid = "org.tabphone.media")
@Designate(ocd = MediaConfig.class)
public final class MediaComponent implements MediaService {
    private static final Logger LOG = LoggerFactory.getLogger(MediaComponent.class);
    /** Concurrent DTLS handshakes; more wait for a thread to free (BC's handshake blocks its thread). */
    private static final int MAX_HANDSHAKE_THREADS = 64;
    /** Protects nothing secret from the operator (the file is rw------- in karaf.data); PKCS#12 wants one. */
    private static final char[] STORE_PASSWORD = "tabphone-dtls".toCharArray();

    private final CodecRegistry codecs = new CodecRegistry();
    private final RelayCounters counters = new RelayCounters();
    private final MediaSockets sockets = new MediaSockets();
    private final Map<String, AnchoredSession> sessions = new ConcurrentHashMap<>();
    private final CallerThreads callerThreads = new CallerThreads();
    private final AtomicLong ids = new AtomicLong();
    private final EventLoopGroup loops;
    /** The MediaTap whiteboard and the thread that feeds tapped calls' audio to the taps. */
    private final TapDispatcher taps;
    private final ThreadPoolExecutor handshakes;
    /** Checks every session for the RTP timeout once a second. */
    private final java.util.concurrent.ScheduledExecutorService sweeper;
    private volatile MediaContext context;
    /** Null when stun.port is 0 or the port could not be bound. Guarded by this. */
    private StunServer stun;

    @Activate
    public MediaComponent(MediaConfig config) {
        MediaSettings settings = MediaSettings.from(config); // a bad file at start: the component doesn't start
        this.taps = new TapDispatcher(e -> codecs.find(e).orElse(null), codecs::generation);
        this.loops = new NioEventLoopGroup(settings.threads(), new DefaultThreadFactory("tabphone-media", true));
        this.handshakes = new ThreadPoolExecutor(MAX_HANDSHAKE_THREADS, MAX_HANDSHAKE_THREADS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), new DefaultThreadFactory("tabphone-dtls", true));
        handshakes.allowCoreThreadTimeOut(true);
        this.context = contextFor(settings, null);
        startStun(settings);
        this.sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("tabphone-media-timeout", true));
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        // jitsi-srtp times its AES providers on first use (seconds): do it now, off the event loops
        handshakes.execute(() -> LOG.info("SRTP: {}", SrtpBackend.describe()));
    }

    @Modified
    void modified(MediaConfig config, Map<String, Object> raw) {
        try {
            ConfigNumbers.check(MediaConfig.class, raw);
            MediaSettings settings = MediaSettings.from(config);
            MediaSettings before = context.settings();
            context = contextFor(settings, context);
            if (before.stunPort() != settings.stunPort() || !before.bindAddress().equals(settings.bindAddress())) {
                startStun(settings);
            }
            LOG.info("org.tabphone.media applied: ports {}-{}, new calls use it", settings.portMin(), settings.portMax());
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.media rejected, keeping the previous configuration: {}", e.getMessage());
        }
    }

    private MediaContext contextFor(MediaSettings s, MediaContext previous) {
        DtlsCertificate certificate = certificate(s, previous);
        PortAllocator ports = previous != null && previous.settings().portMin() == s.portMin()
            && previous.settings().portMax() == s.portMax() ? previous.ports() : new PortAllocator(s.portMin(), s.portMax());
        DtlsEndpointConfig dtls = DtlsEndpointConfig.builder(certificate)
            .handshakeTimeout(Duration.ofSeconds(s.dtlsHandshakeTimeoutSeconds())).build();
        return new MediaContext(s, ports, new LocalAddresses(s.advertisedAddress()), certificate, dtls, loops, sockets,
            handshakes, codecs, counters, taps);
    }

    /** The configured PKCS#12, else the running certificate (browsers cache nothing, but logs stay readable), else a new one. */
    private static DtlsCertificate certificate(MediaSettings s, MediaContext previous) {
        if (!s.dtlsCertificate().isEmpty()) {
            try {
                return DtlsCertificate.loadPkcs12(Path.of(s.dtlsCertificate()), s.dtlsCertificatePassword().toCharArray());
            } catch (DtlsCertificateException e) {
                throw new IllegalArgumentException("dtls.certificate: " + e.getMessage());
            }
        }
        if (previous != null && previous.settings().dtlsCertificate().isEmpty()) {
            return previous.certificate();
        }
        Path file = Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "tabphone", "dtls.p12");
        try { // one certificate per installation, renewed a week before it expires
            return DtlsCertificateStore.loadOrGenerate(file, STORE_PASSWORD, Instant.now(), Duration.ofDays(7));
        } catch (DtlsCertificateException e) {
            LOG.warn("DTLS certificate store {} unusable ({}); using a certificate for this run only", file, e.getMessage());
            return DtlsCertificate.generateSelfSigned();
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (AnchoredSession s : sessions.values()) {
            try {
                s.checkTimeout(now);
            } catch (RuntimeException e) {
                LOG.warn("RTP timeout check of {} failed", s.id(), e);
            }
        }
    }

    /** (Re)binds the STUN server; a port in use is logged and leaves the gateway without one, never without media. */
    private synchronized void startStun(MediaSettings s) {
        if (stun != null) {
            stun.close();
            stun = null;
        }
        if (s.stunPort() == 0) {
            return;
        }
        try {
            stun = StunServer.start(loops, s.bindAddress(), s.stunPort(), counters.stunAnswered);
        } catch (RuntimeException e) {
            LOG.error("STUN server: cannot bind udp {}:{} ({}); browsers need another STUN server (ice.stun.urls)",
                s.bindAddress().getHostAddress(), s.stunPort(), e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            if (stun != null) {
                stun.close();
            }
        }
        sweeper.shutdownNow();
        sessions.values().forEach(AnchoredSession::close);
        taps.shutdown(); // finishes the tapped calls' sinks (recordings) before the loops go
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        handshakes.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCodec(AudioCodec codec) {
        codecs.add(codec);
        LOG.info("codec {} available", codec.encodingName());
    }

    void removeCodec(AudioCodec codec) {
        codecs.remove(codec);
        LOG.info("codec {} gone; calls that transcode with it fall silent until a codec for it returns",
            codec.encodingName());
    }

    /** Whiteboard: every tap service is offered each call whose media connects from now on. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTap(MediaTap tap) {
        taps.addTap(tap);
        LOG.info("media tap {} registered: new calls are offered to it", tap.getClass().getName());
    }

    void removeTap(MediaTap tap) {
        taps.removeTap(tap); // closes its sinks: after this it is never called again
        LOG.info("media tap {} gone; its taps of running calls are closed", tap.getClass().getName());
    }

    @Override
    public MediaSession open(CallIdentity call, SessionDescription offer, InetSocketAddress callerPeer)
        throws MediaException {
        String id = "m" + ids.incrementAndGet(); // unique: a closed session removes exactly itself
        MediaContext c = context;
        // the caller's thread, else the callee's: a person's calls either way can be joined in place
        CallerThreads.Lease lease = callerThreads.lease(List.of(CallerThreads.party(call.tenant(), call.caller()),
            CallerThreads.party(call.tenant(), call.callee())), () -> c.loops().next());
        AnchoredSession session;
        try {
            session = new AnchoredSession(c, id, call, offer, callerPeer, () -> {
                sessions.remove(id);
                lease.release().run();
            }, lease.loop());
        } catch (MediaException | RuntimeException e) {
            lease.release().run();
            throw e;
        }
        sessions.put(id, session);
        counters.opened.increment();
        return session;
    }

    @Override
    public List<MediaSessionInfo> sessions() {
        return sessions.values().stream().map(AnchoredSession::info).toList();
    }

    @Override
    public MediaCounters counters() {
        MediaContext c = context;
        int used = c.ports().inUse();
        Map<DropReason, Long> dropped = counters.droppedByReason(); // the total is their sum, read once
        return new MediaCounters(sessions.size(), counters.opened.sum(), counters.relayed.sum(),
            dropped.values().stream().mapToLong(Long::longValue).sum(), counters.dtlsFailures.sum(), used,
            c.ports().capacity() - used, counters.stunAnswered.sum(), dropped);
    }
}
