package org.mailwire.transport.line;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** A sink event as a value, with the content copied, so event lists can be compared. */
sealed interface ScanEvent {

    Set<LineViolation> violations();

    /** @param content the line's octets, one char per octet (ISO-8859-1), so equality is exact */
    record Line(String content, Set<LineViolation> violations) implements ScanEvent {
        public Line {
            violations = copy(violations);
        }

        static Line of(ByteBuffer content, Set<LineViolation> violations) {
            byte[] bytes = new byte[content.remaining()];
            content.duplicate().get(bytes);
            return new Line(new String(bytes, StandardCharsets.ISO_8859_1), violations);
        }

        @Override
        public String toString() {
            return "Line[\"" + escape(content) + "\", " + violations + "]";
        }
    }

    record Overlong(long length, Set<LineViolation> violations) implements ScanEvent {
        public Overlong {
            violations = copy(violations);
        }
    }

    static Line line(String content, LineViolation... violations) {
        return new Line(content, Set.of(violations));
    }

    static Overlong overlong(long length, LineViolation... violations) {
        return new Overlong(length, Set.of(violations));
    }

    private static Set<LineViolation> copy(Collection<LineViolation> violations) {
        EnumSet<LineViolation> set = EnumSet.noneOf(LineViolation.class);
        set.addAll(violations);
        return Collections.unmodifiableSet(set);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
