package org.mailwire.imap.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * The body parts and addresses parses of a FETCH response finished, by the position where each
 * began, so that a later parse of the same item steps over them instead of reading them again. An
 * unfinished item is parsed again at each literal; without this, an item holding many literals (a
 * BODYSTRUCTURE with an 8-bit file name in every part, an address list with a literal name in
 * every address) would be read once per literal in it. The parse is a pure function of the
 * octets, which only grow at the end, so a part that finished once finishes the same way at the
 * same place.
 *
 * <p>One per response, made when a parse first resumes; a position is {@code (line, offset)}.
 */
final class FinishedParts {

    /**
     * A finished value, the position after it, and the body parts it counted (added back when it
     * is stepped over, so the part limit is met at the same place).
     */
    record Entry(Object value, int li, int pos, int bodyParts) {
    }

    private final Map<Long, Entry> byStart = new HashMap<>();

    Entry at(int li, int pos) {
        return byStart.get(key(li, pos));
    }

    void put(int li, int pos, Entry e) {
        byStart.put(key(li, pos), e);
    }

    private static long key(int li, int pos) {
        return (long) li << 32 | pos;
    }
}
