package org.mailwire.smtp.codec;

import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Set;
import org.mailwire.smtp.codec.DataOutcome.DataViolation;

/**
 * A whole-array reference for DATA, written as directly from RFC 5321 §4.5.2 as possible, to check
 * the streaming state machine against: a line starts at offset 0 or right after a CR LF pair; a
 * line that is "." ends the message; a line that starts with "." loses it.
 */
final class ReferenceData {

    /**
     * @param end        offset right after the terminator, -1 if there is none
     * @param body       the unstuffed body up to the terminator (or everything, if none)
     * @param violations found before the terminator, without LINE_TOO_LONG and TOO_LARGE
     */
    record Result(int end, byte[] body, Set<DataViolation> violations) {
    }

    private ReferenceData() {
    }

    static Result decode(byte[] in, boolean normaliseBareLf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EnumSet<DataViolation> violations = EnumSet.noneOf(DataViolation.class);
        int i = 0;
        while (i < in.length) {
            boolean lineStart = i == 0 || (i >= 2 && in[i - 2] == '\r' && in[i - 1] == '\n');
            if (lineStart && in[i] == '.') {
                if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
                    return new Result(i + 3, out.toByteArray(), violations);
                }
                i++;
                continue;
            }
            byte b = in[i];
            if (b == '\r' && (i + 1 >= in.length || in[i + 1] != '\n')) {
                if (i + 1 < in.length) {
                    violations.add(DataViolation.BARE_CR);
                }
            } else if (b == '\n' && (i == 0 || in[i - 1] != '\r')) {
                if (normaliseBareLf) {
                    out.write('\r');
                } else {
                    violations.add(DataViolation.BARE_LF);
                }
            } else if (b == 0) {
                violations.add(DataViolation.NUL);
            }
            out.write(b);
            i++;
        }
        return new Result(-1, out.toByteArray(), violations);
    }
}
