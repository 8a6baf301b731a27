package org.mailwire.transport.line;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The test oracle: the line rules written as plainly as possible over a complete input, with no
 * chunking, no limits on memory and no shared code with {@link LineScanner}.
 */
final class ReferenceLineScanner {

    /**
     * @param events       the events for all complete lines
     * @param lineEnds     for each event, the input offset right after its terminator
     * @param pendingBytes what the scanner should still hold for the unterminated rest
     */
    record Result(List<ScanEvent> events, List<Integer> lineEnds, int pendingBytes) {
    }

    private ReferenceLineScanner() {
    }

    static Result scan(byte[] input, LineScannerConfig config) {
        List<ScanEvent> events = new ArrayList<>();
        List<Integer> lineEnds = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        EnumSet<LineViolation> violations = EnumSet.noneOf(LineViolation.class);
        boolean trailingCr = false;
        int i = 0;
        while (i < input.length) {
            byte b = input[i];
            boolean endsLine = false;
            int terminator = 0;
            if (b == '\r') {
                if (i + 1 == input.length) {
                    trailingCr = true;
                    break;
                }
                if (input[i + 1] == '\n') {
                    endsLine = true;
                    terminator = 2;
                } else {
                    violations.add(LineViolation.BARE_CR);
                    content.write(b);
                }
            } else if (b == '\n') {
                violations.add(LineViolation.BARE_LF);
                if (config.bareLfEndsLine()) {
                    endsLine = true;
                    terminator = 1;
                } else {
                    content.write(b);
                }
            } else {
                if (b == 0) {
                    violations.add(LineViolation.NUL);
                }
                content.write(b);
            }
            if (endsLine) {
                i += terminator;
                if (content.size() > config.maxLineLength()) {
                    events.add(new ScanEvent.Overlong(content.size(), violations));
                } else {
                    events.add(new ScanEvent.Line(
                            new String(content.toByteArray(), StandardCharsets.ISO_8859_1), violations));
                }
                lineEnds.add(i);
                content.reset();
                violations.clear();
            } else {
                i++;
            }
        }
        int held = content.size() > config.maxLineLength() ? 0 : content.size();
        return new Result(events, lineEnds, held + (trailingCr ? 1 : 0));
    }
}
