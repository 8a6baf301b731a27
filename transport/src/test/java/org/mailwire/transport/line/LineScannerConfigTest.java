package org.mailwire.transport.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineScannerConfigTest {

    @Test
    void defaultsAreStrictWithTheDefaultLimit() {
        LineScannerConfig config = LineScannerConfig.defaults();
        assertEquals(1000, LineScannerConfig.DEFAULT_MAX_LINE_LENGTH);
        assertEquals(LineScannerConfig.DEFAULT_MAX_LINE_LENGTH, config.maxLineLength());
        assertFalse(config.bareLfEndsLine());
    }

    @Test
    void strictNeverEndsLinesAtBareLf() {
        assertEquals(new LineScannerConfig(510, false), LineScannerConfig.strict(510));
    }

    @Test
    void withersChangeOneComponent() {
        LineScannerConfig config = LineScannerConfig.strict(998).withBareLfEndsLine(true);
        assertEquals(new LineScannerConfig(998, true), config);
        assertEquals(new LineScannerConfig(255, true), config.withMaxLineLength(255));
        assertTrue(config.withMaxLineLength(255).bareLfEndsLine());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, LineScannerConfig.MAX_LINE_LENGTH_CEILING})
    void limitsInsideTheRangeAreAccepted(int maxLineLength) {
        assertEquals(maxLineLength, LineScannerConfig.strict(maxLineLength).maxLineLength());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, LineScannerConfig.MAX_LINE_LENGTH_CEILING + 1,
            Integer.MAX_VALUE})
    void limitsOutsideTheRangeAreRefused(int maxLineLength) {
        assertThrows(IllegalArgumentException.class, () -> LineScannerConfig.strict(maxLineLength));
        assertThrows(IllegalArgumentException.class, () -> new LineScannerConfig(maxLineLength, true));
        assertThrows(IllegalArgumentException.class,
                () -> LineScannerConfig.defaults().withMaxLineLength(maxLineLength));
    }
}
