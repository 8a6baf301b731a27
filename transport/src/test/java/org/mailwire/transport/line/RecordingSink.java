package org.mailwire.transport.line;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Records every event as a {@link ScanEvent}; optionally pauses the scanner after each line. */
final class RecordingSink implements LineSink {

    private final List<ScanEvent> events = new ArrayList<>();
    private final boolean pauseAfterEachLine;
    private boolean paused;
    private boolean allContentReadOnly = true;

    RecordingSink() {
        this(false);
    }

    RecordingSink(boolean pauseAfterEachLine) {
        this.pauseAfterEachLine = pauseAfterEachLine;
    }

    @Override
    public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
        allContentReadOnly &= content.isReadOnly();
        events.add(ScanEvent.Line.of(content, violations));
        return answer();
    }

    @Override
    public boolean onOverlongLine(long length, Set<LineViolation> violations) {
        events.add(new ScanEvent.Overlong(length, violations));
        return answer();
    }

    private boolean answer() {
        paused = pauseAfterEachLine;
        return !pauseAfterEachLine;
    }

    List<ScanEvent> events() {
        return events;
    }

    /** Whether the last scan paused; clears the flag. */
    boolean takePaused() {
        boolean was = paused;
        paused = false;
        return was;
    }

    boolean allContentReadOnly() {
        return allContentReadOnly;
    }
}
