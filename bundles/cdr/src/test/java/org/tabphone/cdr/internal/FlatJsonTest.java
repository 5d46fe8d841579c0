package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FlatJsonTest {
    @Test
    void stringsWithQuotesBackslashesAndControlCharactersRoundTrip() {
        StringBuilder b = new StringBuilder("{");
        String nasty = "\"Bob\" \\ <sip:b@x>\r\n\t\u0001\u2028é";
        FlatJson.string(b, "a", nasty);
        FlatJson.number(b, "n", -42);
        String json = b.append('}').toString();
        assertEquals(-1, json.indexOf('\n'), "one record, one line");
        assertEquals(Map.of("a", nasty, "n", "-42"), FlatJson.parse(json));
    }

    @Test
    void anythingButAFlatObjectIsRefused() {
        for (String bad : new String[] {"", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":[1]}", "{\"a\":1}x",
            "{\"a\":1,\"a\":2}", "{\"a\":\"\\q\"}", "{\"a\":-}"}) {
            assertThrows(IllegalArgumentException.class, () -> FlatJson.parse(bad), bad);
        }
    }
}
