package org.mailwire.imap.client.internal;

import java.util.List;
import java.util.Objects;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.client.AppendMessage;

/**
 * One message of an APPEND (RFC 3501 §6.3.11; several in one command with MULTIAPPEND, RFC 3502):
 * its flags, its internal date (null for the server's clock) and its octets, either whole or built
 * by the server from parts (CATENATE, RFC 4469).
 */
public sealed interface AppendItem {

    List<Flag> flags();

    ImapDateTime date();

    /** A message sent as one literal. */
    record Whole(List<Flag> flags, ImapDateTime date, MessageSource message, AppendMessage.Utf8 utf8)
            implements AppendItem {
        public Whole {
            flags = List.copyOf(flags);
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(utf8, "utf8");
        }
    }

    /** A message the server assembles from {@code parts}, in order (RFC 4469 §5). */
    record Catenated(List<Flag> flags, ImapDateTime date, List<Part> parts) implements AppendItem {
        public Catenated {
            flags = List.copyOf(flags);
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                // RFC 4469 §5: "CATENATE" SP "(" cat-part *(SP cat-part) ")"
                throw new IllegalArgumentException("a CATENATE message needs at least one part");
            }
        }
    }

    /** A CATENATE part. */
    sealed interface Part {
    }

    /** An IMAP URL (RFC 5092) naming a message or a section of one the server can read. */
    record Url(String url) implements Part {
        public Url {
            Objects.requireNonNull(url, "url");
            if (url.isEmpty()) {
                throw new IllegalArgumentException("an empty URL");
            }
        }
    }

    /** Octets sent as a {@code TEXT} literal. */
    record Text(MessageSource text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }
}
