package org.tabphone.call.internal.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.uri.SipUri;

class ReplacesTest {

    @Test
    void rfc3891_6_1_parsesCallIdAndTagsInAnyOrder_withEarlyOnlyAndGenericParameters() {
        Replaces r = Replaces.parse("98732@sip.example.com ; from-tag=r33th4x0r;TO-TAG=ff87ff;foo=bar;early-only");
        assertEquals("98732@sip.example.com", r.callId());
        assertEquals("ff87ff", r.toTag());
        assertEquals("r33th4x0r", r.fromTag());
        assertTrue(r.earlyOnly());
        assertFalse(Replaces.parse("a;to-tag=1;from-tag=2").earlyOnly());
    }

    @Test
    void rfc3891_6_1_withoutACallIdOrEitherTagItIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse("abc;to-tag=1"));
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse("abc;from-tag=1"));
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse(";to-tag=1;from-tag=2"));
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse("abc;to-tag=;from-tag=2"));
    }

    @Test
    void rfc3891_7_1_theReplacesOfAReferToUriIsUnescaped() {
        NameAddress referTo = NameAddress.parse(
            "<sip:1003@demo.tabphone.test?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>");
        Replaces r = Replaces.inReferTo(referTo).orElseThrow();
        assertEquals(new Replaces("12345@192.168.118.3", "12345", "5FFE-3994", false), r);
        assertEquals(Optional.empty(), Replaces.inReferTo(NameAddress.parse("<sip:carol@demo.tabphone.test>")));
        assertThrows(IllegalArgumentException.class,
            () -> Replaces.inReferTo(NameAddress.parse("<sip:c@d.test?Replaces=a%3Bto-tag%3D1%3Bfrom-tag%3D2%4>")));
    }

    /**
     * RFC 3891 §3: the to-tag is the receiver's local tag. The gateway is UAS of a caller's leg
     * (its tag in To) and UAC of a callee's leg (its tag in From): either way the Replaces that
     * the far end would write names the key under which the call table holds that leg.
     */
    @Test
    void rfc3891_3_theReplacesNamesTheLegAsTheGatewaySeesIt_onTheCallerAndTheCalleeLeg() {
        SipRequest callerInvite = invite("caller-call", "a-tag", null);
        SipResponse ok = SipResponse.replyTo(callerInvite, 200).toTag("gw-tag").build();
        Dialog callerLeg = Dialog.asUas(callerInvite, ok);
        // the caller (the far end, from-tag = its own) names its dialog with the gateway
        assertEquals(callerLeg.id(), Replaces.parse("caller-call;to-tag=gw-tag;from-tag=a-tag").dialogId());

        SipRequest calleeInvite = invite("callee-call", "gw-tag2", null);
        SipResponse answer = SipResponse.replyTo(calleeInvite, 200).toTag("b-tag").build();
        Dialog calleeLeg = Dialog.asUac(calleeInvite, answer);
        // the callee names the same way: to-tag is the gateway's (here in From of the INVITE)
        assertEquals(calleeLeg.id(), Replaces.parse("callee-call;to-tag=gw-tag2;from-tag=b-tag").dialogId());
        assertEquals(new DialogId("callee-call", "gw-tag2", "b-tag"), calleeLeg.id());
    }

    private static SipRequest invite(String callId, String fromTag, String toTag) {
        NameAddress to = NameAddress.parse("<sip:1002@demo.tabphone.test>");
        return SipRequest.builder(SipMethod.INVITE, SipUri.parse("sip:1002@demo.tabphone.test"))
            .addVia(Via.of("UDP", "127.0.0.1", 5999, Parameters.empty().with("branch", "z9hG4bK-" + callId)))
            .maxForwards(70)
            .from(NameAddress.parse("<sip:1001@demo.tabphone.test>;tag=" + fromTag))
            .to(toTag == null ? to : to.withTag(toTag))
            .callId(callId)
            .cseq(new CSeq(1, SipMethod.INVITE))
            .set(org.tabphone.sip.api.header.HeaderName.CONTACT, "<sip:1001@127.0.0.1:5999>")
            .build();
    }
}
