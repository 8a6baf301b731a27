package org.mailwire.imap;

import java.util.List;

/** Range checks shared by the response model. */
final class Numbers {

    private Numbers() {
    }

    static void nz32(long n) {
        if (n < 1 || n > SequenceSet.MAX_NUMBER) {
            throw new IllegalArgumentException("a number here is 1..4294967295");
        }
    }

    static void n32(long n) {
        if (n < 0 || n > SequenceSet.MAX_NUMBER) {
            throw new IllegalArgumentException("a number here is 0..4294967295");
        }
    }

    static void modSeq(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a mod-sequence is 0..2^63-1");
        }
    }

    static void noStar(SequenceSet set) {
        if (set.saved()) {
            throw new IllegalArgumentException("$ is not allowed in a response");
        }
        for (SequenceSet.Range r : set.ranges()) {
            if (r.to() == SequenceSet.STAR) {
                throw new IllegalArgumentException("* is not allowed in a response set");
            }
        }
    }

    static List<String> atoms(List<String> atoms, boolean emptyOk) {
        List<String> copy = List.copyOf(atoms);
        if (!emptyOk && copy.isEmpty()) {
            throw new IllegalArgumentException("at least one atom");
        }
        for (String a : copy) {
            if (!Syntax.isAtom(a)) {
                throw new IllegalArgumentException("not an atom");
            }
        }
        return copy;
    }

    /** Longest RFC 8474 objectid. */
    static final int MAX_OBJECT_ID = 255;

    /** RFC 8474 {@code objectid}: 1 to 255 of ALPHA, DIGIT, "_" and "-". */
    static void objectId(String id) {
        if (!isObjectId(id)) {
            throw new IllegalArgumentException("an objectid is 1 to 255 of A-Z a-z 0-9 _ -");
        }
    }

    static boolean isObjectId(String id) {
        if (id.isEmpty() || id.length() > MAX_OBJECT_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
