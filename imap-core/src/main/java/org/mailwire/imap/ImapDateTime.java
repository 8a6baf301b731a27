package org.mailwire.imap;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.Objects;

/**
 * IMAP's {@code date-time} (APPEND, INTERNALDATE: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}, the day
 * space-padded, RFC 3501 §9) and its {@code date} (SEARCH: {@code d-Mon-yyyy}, one or two day
 * digits). Months are matched ignoring case. The value keeps its zone, to the second.
 */
public record ImapDateTime(OffsetDateTime value) {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    public ImapDateTime {
        Objects.requireNonNull(value, "value");
        value = value.withNano(0);
        if (value.getYear() < 1 || value.getYear() > 9999) {
            throw new IllegalArgumentException("year outside 0001..9999");
        }
    }

    /**
     * Parses the text between the quotes of a {@code date-time}.
     *
     * @throws IllegalArgumentException when it is not exactly that form
     */
    public static ImapDateTime parse(String s) {
        if (s.length() != 26 || s.charAt(2) != '-' || s.charAt(6) != '-' || s.charAt(11) != ' '
                || s.charAt(14) != ':' || s.charAt(17) != ':' || s.charAt(20) != ' ') {
            throw new IllegalArgumentException("not a date-time");
        }
        int day = s.charAt(0) == ' ' ? digits(s, 1, 2) : digits(s, 0, 2);
        int month = month(s.substring(3, 6));
        int year = digits(s, 7, 11);
        int hour = digits(s, 12, 14);
        int minute = digits(s, 15, 17);
        int second = digits(s, 18, 20);
        char sign = s.charAt(21);
        if (sign != '+' && sign != '-') {
            throw new IllegalArgumentException("not a zone");
        }
        int zh = digits(s, 22, 24);
        int zm = digits(s, 24, 26);
        try {
            int total = (zh * 3600 + zm * 60) * (sign == '-' ? -1 : 1);
            return new ImapDateTime(OffsetDateTime.of(year, month, day, hour, minute, second, 0,
                    ZoneOffset.ofTotalSeconds(total)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid date-time", e);
        }
    }

    /** {@code dd-Mon-yyyy hh:mm:ss +zzzz}, without the quotes. */
    public String format() {
        int offset = value.getOffset().getTotalSeconds();
        int abs = Math.abs(offset);
        return String.format(Locale.ROOT, "%2d-%s-%04d %02d:%02d:%02d %c%02d%02d", value.getDayOfMonth(),
                MONTHS[value.getMonthValue() - 1], value.getYear(), value.getHour(), value.getMinute(),
                value.getSecond(), offset < 0 ? '-' : '+', abs / 3600, (abs / 60) % 60);
    }

    /** Parses {@code date-text}: 1*2DIGIT "-" month "-" 4DIGIT. */
    public static LocalDate parseDate(String s) {
        int dash = s.indexOf('-');
        if (dash < 1 || dash > 2 || s.length() != dash + 9 || s.charAt(dash + 4) != '-') {
            throw new IllegalArgumentException("not a date");
        }
        try {
            return LocalDate.of(digits(s, dash + 5, dash + 9), month(s.substring(dash + 1, dash + 4)),
                    digits(s, 0, dash));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid date", e);
        }
    }

    /** {@code d-Mon-yyyy}. */
    public static String formatDate(LocalDate date) {
        return String.format(Locale.ROOT, "%d-%s-%04d", date.getDayOfMonth(), MONTHS[date.getMonthValue() - 1],
                date.getYear());
    }

    private static int month(String m) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(m)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("not a month");
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public String toString() {
        return format();
    }
}
