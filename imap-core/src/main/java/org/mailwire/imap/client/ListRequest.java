package org.mailwire.imap.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailwire.imap.ListReturnOption;
import org.mailwire.imap.ListSelectOption;
import org.mailwire.imap.StatusItem;

/**
 * An extended LIST (RFC 5258 LIST-EXTENDED, part of IMAP4rev2): selection options
 * ({@code SUBSCRIBED}, {@code SPECIAL-USE}, {@code RECURSIVEMATCH}, ...), one or more patterns, and
 * return options ({@code SPECIAL-USE}, {@code CHILDREN}, {@code SUBSCRIBED} (RFC 6154 §3), and
 * {@code STATUS} items returned with each mailbox (RFC 5819 LIST-STATUS)).
 *
 * @param reference     the reference name, Unicode text
 * @param patterns      one or more mailbox patterns ({@code *} and {@code %} are wildcards)
 * @param selection     selection options
 * @param returnOptions return options, STATUS at most once
 */
public record ListRequest(String reference, List<String> patterns, List<ListSelectOption> selection,
        List<ListReturnOption> returnOptions) {

    public ListRequest {
        Objects.requireNonNull(reference, "reference");
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("LIST needs a pattern");
        }
        selection = List.copyOf(selection);
        returnOptions = List.copyOf(returnOptions);
    }

    /** LIST {@code reference} {@code pattern} without options. */
    public static ListRequest of(String reference, String pattern) {
        return new ListRequest(reference, List.of(pattern), List.of(), List.of());
    }

    /** The same request with these patterns instead. */
    public ListRequest withPatterns(String... patterns) {
        return new ListRequest(reference, List.of(patterns), selection, returnOptions);
    }

    public ListRequest selecting(ListSelectOption... options) {
        return new ListRequest(reference, patterns, List.of(options), returnOptions);
    }

    public ListRequest returning(ListReturnOption.Simple... options) {
        List<ListReturnOption> all = new ArrayList<>(List.of(options));
        returnOptions.stream().filter(o -> o instanceof ListReturnOption.Status).forEach(all::add);
        return new ListRequest(reference, patterns, selection, all);
    }

    /** The same request returning STATUS {@code items} for each mailbox (RFC 5819). */
    public ListRequest withStatus(StatusItem... items) {
        List<ListReturnOption> all = new ArrayList<>();
        returnOptions.stream().filter(o -> !(o instanceof ListReturnOption.Status)).forEach(all::add);
        all.add(new ListReturnOption.Status(List.of(items)));
        return new ListRequest(reference, patterns, selection, all);
    }

    /** Whether anything beyond the RFC 3501 LIST is asked for. */
    public boolean extended() {
        return patterns.size() > 1 || !selection.isEmpty() || !returnOptions.isEmpty();
    }

    /** Whether STATUS is among the return options. */
    public boolean returnsStatus() {
        return returnOptions.stream().anyMatch(o -> o instanceof ListReturnOption.Status);
    }
}
