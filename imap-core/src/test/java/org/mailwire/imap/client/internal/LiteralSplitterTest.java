package org.mailwire.imap.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.Tag;
import org.mailwire.imap.codec.ImapCommandEncoder;
import org.mailwire.imap.codec.NonSyncLiterals;

/** Pieces end where a synchronising literal is announced, and never inside a literal's content. */
class LiteralSplitterTest {

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void splitsAfterEachSynchronisingAnnouncement() {
        byte[] login = new ImapCommandEncoder().encode(new ImapCommand.Login(Tag.of("A1"), "b\u00e9b\u00e9",
                "pass{3}\r\nwor\u00e9"));
        List<byte[]> pieces = LiteralSplitter.split(login);
        assertEquals(3, pieces.size());
        assertEquals("A1 LOGIN {6}\r\n", text(pieces.get(0)));
        assertEquals("b\u00e9b\u00e9 {14}\r\n", text(pieces.get(1)));
        assertEquals("pass{3}\r\nwor\u00e9\r\n", text(pieces.get(2)));
    }

    @Test
    void nonSynchronisingLiteralsStayInOnePiece() {
        byte[] login = new ImapCommandEncoder(NonSyncLiterals.LITERAL_PLUS).encode(new ImapCommand.Login(Tag.of("A1"),
                "b\u00e9", "x{2}\r\nyz"));
        assertEquals(1, LiteralSplitter.split(login).size());
    }

    @Property(tries = 300)
    void piecesJoinToTheCommandAndEachButTheLastEndsInAnAnnouncement(
            @ForAll @Size(max = 40) String user, @ForAll @Size(max = 40) String password) {
        String u = user.replace("\0", "") + "\u00e9";
        String p = password.replace("\0", "") + "\r\n{1}\r\n";
        byte[] command;
        try {
            command = new ImapCommandEncoder().encode(new ImapCommand.Login(Tag.of("A1"), u, p));
        } catch (IllegalArgumentException unpairedSurrogate) {
            return;
        }
        List<byte[]> pieces = LiteralSplitter.split(command);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pieces.forEach(joined::writeBytes);
        assertArrayEquals(command, joined.toByteArray());
        // both arguments are literals (8-bit, CR/LF): exactly two announcements
        assertEquals(3, pieces.size());
        for (int i = 0; i < pieces.size() - 1; i++) {
            assertEquals(true, text(pieces.get(i)).matches("(?s).*\\{\\d+}\r\n"), text(pieces.get(i)));
        }
    }
}
