package org.mailwire.samples;

import java.util.Locale;
import picocli.CommandLine;

/** Octets, optionally with a binary suffix: {@code 1048576}, {@code 1024K}, {@code 25M}, {@code 1G}. */
final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        int shift = 0;
        if (text.endsWith("K")) {
            shift = 10;
        } else if (text.endsWith("M")) {
            shift = 20;
        } else if (text.endsWith("G")) {
            shift = 30;
        }
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 1048576, 512K or 25M");
        }
        try {
            long number = Long.parseLong(digits);
            if (number > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large");
        }
    }
}
