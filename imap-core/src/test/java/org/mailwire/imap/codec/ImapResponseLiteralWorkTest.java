package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.Address;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.ImapResponse;

/**
 * A response is parsed again at each of its literals, to learn whether that literal is a body
 * value to stream. These tests pin that the work stays linear in the number of literals: they
 * count the FETCH items, body parts and addresses the parser reads (not the time it takes), for
 * responses with {@value #LITERALS} literals, where a parse from the start at every literal would
 * read about {@value #LITERALS}²/2 of them.
 */
class ImapResponseLiteralWorkTest {

    private static final int LITERALS = 200;

    /** Reads {@code wire} whole; returns the one response and the structures the parser read. */
    private record Work(ImapResponse response, long structures) {
    }

    private static Work decode(String wire) {
        ImapResponseDecoder decoder = new ImapResponseDecoder(ImapResponseDecoderConfig.defaults());
        ClientFeed.Recorder sink = new ClientFeed.Recorder(false);
        decoder.decode(ByteBuffer.wrap(wire.getBytes(StandardCharsets.UTF_8)), sink);
        assertEquals(1, sink.responses.size(), sink.events.toString());
        return new Work(sink.responses.get(0), decoder.structuresParsed());
    }

    @Test
    void streamedBodyItemsAreEachReadOnceMore() {
        StringBuilder wire = new StringBuilder("* 1 FETCH (UID 7");
        for (int i = 1; i <= LITERALS; i++) {
            wire.append(" BODY[").append(i).append("] {1}\r\nx");
        }
        wire.append(")\r\n");
        Work w = decode(wire.toString());
        assertEquals(LITERALS + 1, ((ImapResponse.Fetch) w.response()).items().size());
        // UID once; each body item up to its literal, then again from its start
        assertEquals(1 + 2L * LITERALS, w.structures());
    }

    @Test
    void literalStringItemsAreEachReadOnceMore() {
        StringBuilder wire = new StringBuilder("* 1 FETCH (");
        for (int i = 0; i < LITERALS; i++) {
            wire.append(i == 0 ? "" : " ").append("PREVIEW {2}\r\np").append(i % 10);
        }
        wire.append(")\r\n");
        Work w = decode(wire.toString());
        List<FetchItem> items = ((ImapResponse.Fetch) w.response()).items();
        assertEquals(LITERALS, items.size());
        assertEquals(new FetchItem.Preview(java.util.Optional.of("p9")), items.get(LITERALS - 1));
        assertEquals(2L * LITERALS, w.structures());
    }

    @Test
    void bodyStructureWithALiteralInEveryPartIsReadInBoundedSteps() {
        StringBuilder wire = new StringBuilder("* 1 FETCH (BODYSTRUCTURE (");
        for (int i = 0; i < LITERALS; i++) {
            wire.append("(\"APPLICATION\" \"PDF\" (\"NAME\" {5}\r\nf.pdf) NIL NIL \"BASE64\" 10)");
        }
        wire.append(" \"MIXED\"))\r\n");
        Work w = decode(wire.toString());
        FetchItem.BodyStructure bs = (FetchItem.BodyStructure) ((ImapResponse.Fetch) w.response()).items().get(0);
        List<BodyPart> parts = ((BodyPart.MultiPart) bs.part()).parts();
        assertEquals(LITERALS, parts.size());
        assertEquals("f.pdf", ((BodyPart.SinglePart) parts.get(LITERALS - 1)).params().get("NAME"));
        // each parse after the first reads the item, the multipart and at most two of its parts
        assertTrue(w.structures() <= 4L * (LITERALS + 1), "read " + w.structures());
    }

    @Test
    void addressListWithALiteralInEveryAddressIsReadInBoundedSteps() {
        StringBuilder to = new StringBuilder("(");
        for (int i = 0; i < LITERALS; i++) {
            to.append("({4}\r\nName NIL \"m").append(i).append("\" \"example.org\")");
        }
        to.append(")");
        Work w = decode("* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL " + to + " NIL NIL NIL NIL))\r\n");
        FetchItem.Envelope e = (FetchItem.Envelope) ((ImapResponse.Fetch) w.response()).items().get(0);
        assertEquals(LITERALS, e.to().size());
        assertEquals(new Address("Name", null, "m" + (LITERALS - 1), "example.org"), e.to().get(LITERALS - 1));
        // each parse after the first reads the item and at most two addresses
        assertTrue(w.structures() <= 3L * (LITERALS + 1), "read " + w.structures());
    }
}
