package org.mailwire.imap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code namespace-descr} of a NAMESPACE response (RFC 2342 §5, RFC 9051 §7.3.5).
 *
 * @param prefix     the prefix as the server sent it (modified UTF-7 is not decoded: it is the
 *                   start of a mailbox name, not a name), may be empty
 * @param delimiter  the hierarchy delimiter, empty for NIL
 * @param extensions {@code namespace-response-extension}s in the server's order: a name and its
 *                   values (at least one each)
 */
public record NamespaceDescriptor(String prefix, Optional<Character> delimiter, Map<String, List<String>> extensions) {

    public NamespaceDescriptor {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(delimiter, "delimiter");
        delimiter.ifPresent(NamespaceDescriptor::checkDelimiter);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        extensions.forEach((k, v) -> {
            Objects.requireNonNull(k, "extension name");
            List<String> values = List.copyOf(v);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a namespace extension has at least one value");
            }
            copy.put(k, values);
        });
        extensions = Collections.unmodifiableMap(copy);
    }

    public NamespaceDescriptor(String prefix, Optional<Character> delimiter) {
        this(prefix, delimiter, Map.of());
    }

    /** The delimiter rule LIST and NAMESPACE share: one 7-bit character other than NUL, CR, LF. */
    static void checkDelimiter(char c) {
        if (c == 0 || c == '\r' || c == '\n' || c > 0x7f) {
            throw new IllegalArgumentException("a delimiter is a 7-bit character");
        }
    }
}
