package org.mailwire.pop3.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 1939 §7: finding the greeting's timestamp, and the APOP digest. */
class ApopTest {

    /** The RFC's own example. */
    @Test
    void digestOfTheRfcExample() {
        assertEquals("c4c9334bac560ecc979e58001b3e22fb",
                ClientSession.apopDigest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"));
    }

    @Test
    void timestampIsTheFirstAngleBracketedMsgId() {
        assertEquals("<1896.697170952@dbc.mtview.ca.us>", ClientSession.apopTimestamp(
                "POP3 server ready <1896.697170952@dbc.mtview.ca.us>").orElseThrow());
        assertEquals("<1.2@host>", ClientSession.apopTimestamp("ready <not one> <1.2@host> <3.4@other>")
                .orElseThrow());
    }

    @Test
    void noTimestampWithoutAnAtOrAClosingBracket() {
        assertTrue(ClientSession.apopTimestamp("ready").isEmpty());
        assertTrue(ClientSession.apopTimestamp("ready <no-at-sign>").isEmpty());
        assertTrue(ClientSession.apopTimestamp("ready <1.2@host").isEmpty());
        assertTrue(ClientSession.apopTimestamp("ready <1 2@host>").isEmpty());
    }
}
