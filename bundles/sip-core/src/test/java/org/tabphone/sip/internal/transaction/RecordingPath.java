package org.tabphone.sip.internal.transaction;

import java.util.ArrayList;
import java.util.List;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.SipPath;

/** A path that keeps what was sent on it, with each send stamped by the fake clock. */
final class RecordingPath implements SipPath {
    record Sent(long at, SipMessage message) {
    }

    private final boolean reliable;
    private final FakeTimer clock;
    final List<Sent> sent = new ArrayList<>();
    Throwable failWith;

    RecordingPath(boolean reliable, FakeTimer clock) {
        this.reliable = reliable;
        this.clock = clock;
    }

    @Override
    public boolean isReliable() {
        return reliable;
    }

    @Override
    public void send(SipMessage message, SendFailureListener listener) {
        sent.add(new Sent(clock.nowMillis(), message));
        if (failWith != null) {
            listener.onSendFailed(failWith);
        }
    }

    List<Integer> statuses() {
        return sent.stream().filter(s -> s.message() instanceof SipResponse)
            .map(s -> ((SipResponse) s.message()).statusCode()).toList();
    }

    List<String> methods() {
        return sent.stream().filter(s -> s.message() instanceof SipRequest)
            .map(s -> ((SipRequest) s.message()).method().name()).toList();
    }

    List<Long> times() {
        return sent.stream().map(Sent::at).toList();
    }
}
