package org.mailwire.imap;

/**
 * LIST selection options (RFC 5258 §3 {@code list-select-opt}; SPECIAL-USE from RFC 6154 §3).
 * Option names are case-insensitive on the wire; unknown ones are refused, as RFC 5258 §3 asks
 * of a server that does not know them.
 */
public enum ListSelectOption {
    SUBSCRIBED("SUBSCRIBED"),
    REMOTE("REMOTE"),
    /** Never alone, nor with REMOTE only (RFC 5258 §3). */
    RECURSIVEMATCH("RECURSIVEMATCH"),
    SPECIAL_USE("SPECIAL-USE");

    private final String wire;

    ListSelectOption(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The option for a wire name in any case, or null. */
    public static ListSelectOption fromWire(String name) {
        for (ListSelectOption o : values()) {
            if (o.wire.equalsIgnoreCase(name)) {
                return o;
            }
        }
        return null;
    }
}
