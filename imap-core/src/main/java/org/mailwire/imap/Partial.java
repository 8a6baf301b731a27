package org.mailwire.imap;

/**
 * A FETCH partial range {@code <origin.length>} (RFC 3501 §6.4.5): origin 0..2^32-1, length
 * 1..2^32-1.
 */
public record Partial(long origin, long length) {

    public Partial {
        if (origin < 0 || origin > SequenceSet.MAX_NUMBER || length < 1 || length > SequenceSet.MAX_NUMBER) {
            throw new IllegalArgumentException("partial origin 0..4294967295, length 1..4294967295");
        }
    }

    @Override
    public String toString() {
        return "<" + origin + "." + length + ">";
    }
}
