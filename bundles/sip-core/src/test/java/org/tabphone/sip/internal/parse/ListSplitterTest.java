package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListSplitterTest {

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        ListSplitter.split(s, out);
        return out;
    }

    @Test
    void rfc3261_7_3_1_splitsOnCommasOutsideQuotesAndAngleBrackets() {
        assertEquals(List.of("a", "b", "c"), split(" a ,b,  c "));
        assertEquals(List.of("\"x, \\\"y,\" <sip:a@h;p=1,2>", "<sip:b@h>"), split("\"x, \\\"y,\" <sip:a@h;p=1,2>, <sip:b@h>"));
        assertEquals(List.of(), split(" , ,"));
        byte[] b = "\"a,b\" <c,d>, e".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(11, ListSplitter.firstSeparator(b, 0, b.length));
    }
}
