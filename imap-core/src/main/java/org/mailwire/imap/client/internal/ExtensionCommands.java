package org.mailwire.imap.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ModifiedUtf7;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.ListRequest;
import org.mailwire.imap.client.SortCriterion;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * The wire form of the extension commands the command model has no records for (SORT, THREAD,
 * NAMESPACE, ID, extended LIST, COMPRESS). Search keys are written by the model's encoder (as a
 * SEARCH with CHARSET, whose head is swapped for the command's), so their quoting and literals are
 * the encoder's; strings here are quoted, and every value is checked for CR, LF and NUL first.
 */
final class ExtensionCommands {

    /** RFC 2971 §3.3: field names are at most 30 octets, values at most 1024. */
    static final int MAX_ID_FIELD = 30;
    static final int MAX_ID_VALUE = 1024;

    private ExtensionCommands() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A quoted string of printable text (UTF-8 allowed where the caller's extension allows it). */
    static String quoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("a control character cannot be sent in a quoted string");
            }
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static byte[] namespace(Tag tag) {
        return ascii(tag + " NAMESPACE\r\n");
    }

    static byte[] compress(Tag tag) {
        return ascii(tag + " COMPRESS DEFLATE\r\n");
    }

    /** ID with the client's fields, or NIL when there are none. */
    static byte[] id(Tag tag, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return ascii(tag + " ID NIL\r\n");
        }
        StringBuilder b = new StringBuilder(tag + " ID (");
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().getBytes(StandardCharsets.UTF_8).length > MAX_ID_FIELD) {
                throw new IllegalArgumentException("an ID field name is at most 30 octets: " + e.getKey());
            }
            if (e.getValue() != null && e.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_ID_VALUE) {
                throw new IllegalArgumentException("an ID value is at most 1024 octets");
            }
            b.append(first ? "" : " ").append(quoted(e.getKey())).append(' ')
                    .append(e.getValue() == null ? "NIL" : quoted(e.getValue()));
            first = false;
        }
        return ascii(b.append(")\r\n").toString());
    }

    /**
     * {@code tag [UID] <verb> <argument> UTF-8 <keys>}: SORT and THREAD take a charset and search keys
     * (RFC 5256 §3), which the encoder writes for a SEARCH with CHARSET UTF-8.
     */
    private static byte[] withSearchKeys(Tag tag, boolean uid, String verbAndArgument, List<SearchKey> keys,
            ImapCommandEncoder encoder) {
        byte[] search = encoder.encode(new ImapCommand.Search(tag, uid, "UTF-8", keys));
        String head = tag + (uid ? " UID" : "") + " SEARCH CHARSET UTF-8 ";
        byte[] expected = ascii(head);
        for (int i = 0; i < expected.length; i++) {
            if (search[i] != expected[i]) {
                throw new IllegalStateException("the encoder wrote an unexpected SEARCH head");
            }
        }
        byte[] newHead = ascii(tag + (uid ? " UID " : " ") + verbAndArgument + " UTF-8 ");
        byte[] out = new byte[newHead.length + search.length - expected.length];
        System.arraycopy(newHead, 0, out, 0, newHead.length);
        System.arraycopy(search, expected.length, out, newHead.length, search.length - expected.length);
        return out;
    }

    static byte[] sort(Tag tag, boolean uid, List<SortCriterion> criteria, List<SearchKey> keys,
            ImapCommandEncoder encoder) {
        StringBuilder c = new StringBuilder("SORT (");
        for (int i = 0; i < criteria.size(); i++) {
            c.append(i == 0 ? "" : " ").append(criteria.get(i).reverse() ? "REVERSE " : "")
                    .append(criteria.get(i).key().wire());
        }
        return withSearchKeys(tag, uid, c.append(')').toString(), keys, encoder);
    }

    static byte[] thread(Tag tag, boolean uid, String algorithm, List<SearchKey> keys, ImapCommandEncoder encoder) {
        return withSearchKeys(tag, uid, "THREAD " + algorithm, keys, encoder);
    }

    /** LIST with RFC 5258 selection and return options and RFC 5819 STATUS. */
    static byte[] list(Tag tag, ListRequest request) {
        StringBuilder b = new StringBuilder(tag + " LIST");
        if (!request.selection().isEmpty()) {
            b.append(" (").append(String.join(" ", request.selection())).append(')');
        }
        b.append(' ').append(quoted(ModifiedUtf7.encode(request.reference()))).append(' ');
        if (request.patterns().size() == 1) {
            b.append(quoted(ModifiedUtf7.encode(request.patterns().get(0))));
        } else {
            b.append('(');
            for (int i = 0; i < request.patterns().size(); i++) {
                b.append(i == 0 ? "" : " ").append(quoted(ModifiedUtf7.encode(request.patterns().get(i))));
            }
            b.append(')');
        }
        if (!request.returnOptions().isEmpty() || !request.status().isEmpty()) {
            b.append(" RETURN (").append(String.join(" ", request.returnOptions()));
            if (!request.status().isEmpty()) {
                b.append(request.returnOptions().isEmpty() ? "" : " ").append("STATUS (");
                List<StatusItem> items = request.status();
                for (int i = 0; i < items.size(); i++) {
                    b.append(i == 0 ? "" : " ").append(items.get(i).name());
                }
                b.append(')');
            }
            b.append(')');
        }
        return ascii(b.append("\r\n").toString());
    }
}
