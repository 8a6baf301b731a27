package org.mailwire.imap.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.mailwire.imap.ListReturnOption;
import org.mailwire.imap.ListSelectOption;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Syntax;

/**
 * An extended LIST (RFC 5258 LIST-EXTENDED, part of IMAP4rev2): selection options such as
 * {@code SUBSCRIBED}, {@code SPECIAL-USE} or {@code RECURSIVEMATCH}, one or more patterns, return
 * options such as {@code SPECIAL-USE}, {@code CHILDREN} or {@code SUBSCRIBED} (RFC 6154 §3), and
 * {@code STATUS} items returned with each mailbox (RFC 5819 LIST-STATUS).
 *
 * @param reference     the reference name, Unicode text
 * @param patterns      one or more mailbox patterns ({@code *} and {@code %} are wildcards)
 * @param selection     selection options, atoms, upper-cased
 * @param returnOptions return options other than STATUS, atoms, upper-cased
 * @param status        STATUS items to return for each selectable mailbox; empty for none
 */
public record ListRequest(String reference, List<String> patterns, List<String> selection,
        List<String> returnOptions, List<StatusItem> status) {

    public ListRequest {
        Objects.requireNonNull(reference, "reference");
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("LIST needs a pattern");
        }
        selection = atoms(selection);
        returnOptions = atoms(returnOptions);
        status = List.copyOf(status);
    }

    private static List<String> atoms(List<String> options) {
        List<String> upper = options.stream().map(o -> o.toUpperCase(Locale.ROOT)).toList();
        for (String o : upper) {
            if (!Syntax.isAtom(o)) {
                throw new IllegalArgumentException("a LIST option is an atom: " + o);
            }
        }
        return upper;
    }

    /** LIST {@code reference} {@code pattern} without options. */
    public static ListRequest of(String reference, String pattern) {
        return new ListRequest(reference, List.of(pattern), List.of(), List.of(), List.of());
    }

    public ListRequest withPatterns(String... more) {
        return new ListRequest(reference, List.of(more), selection, returnOptions, status);
    }

    public ListRequest selecting(String... options) {
        return new ListRequest(reference, patterns, List.of(options), returnOptions, status);
    }

    public ListRequest returning(String... options) {
        return new ListRequest(reference, patterns, selection, List.of(options), status);
    }

    public ListRequest withStatus(StatusItem... items) {
        return new ListRequest(reference, patterns, selection, returnOptions, List.of(items));
    }

    /**
     * The command model's selection options.
     *
     * @throws IllegalArgumentException for an option RFC 5258 and RFC 6154 do not define
     */
    public List<ListSelectOption> selectOptions() {
        return selection.stream().map(o -> {
            ListSelectOption known = ListSelectOption.fromWire(o);
            if (known == null) {
                throw new IllegalArgumentException("unknown LIST selection option: " + o);
            }
            return known;
        }).toList();
    }

    /**
     * The command model's return options, STATUS last.
     *
     * @throws IllegalArgumentException for an option RFC 5258, RFC 5819 and RFC 6154 do not define
     */
    public List<ListReturnOption> listReturnOptions() {
        List<ListReturnOption> out = new java.util.ArrayList<>();
        for (String o : returnOptions) {
            ListReturnOption.Simple known = ListReturnOption.Simple.fromWire(o);
            if (known == null) {
                throw new IllegalArgumentException("unknown LIST return option: " + o);
            }
            out.add(known);
        }
        if (!status.isEmpty()) {
            out.add(new ListReturnOption.Status(status));
        }
        return out;
    }

    /** Whether anything beyond the RFC 3501 LIST is asked for. */
    public boolean extended() {
        return patterns.size() > 1 || !selection.isEmpty() || !returnOptions.isEmpty() || !status.isEmpty();
    }
}
