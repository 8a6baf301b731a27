package org.mailwire.pop3.codec;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.mailwire.transport.line.LineScannerConfig;

/**
 * Every limit of the POP3 decoders, immutable and validated. Line limits count octets including
 * the CRLF, as RFC 2449 §4 does.
 *
 * <p>The RFC values are the defaults; going below them breaks interoperability with conforming
 * peers but is allowed (tests and fuzzers use small limits).
 *
 * @param maxCommandLine   RFC 2449 §4: a command line, 255 octets; AUTH with an initial response
 *                         included (RFC 5034 §4 forbids a client a longer one)
 * @param maxAuthLine      a line of a SASL exchange: the client's response line on the server
 *                         side, the server's "+ " challenge on the client side; 12288 (RFC 5034
 *                         sets none, SMTP's RFC 4954 §4 uses 12288)
 * @param maxStatusLine    RFC 2449 §4: a status line, 512 octets (the greeting included)
 * @param maxMultiLineLine a line of a listing response (CAPA, LIST, UIDL): 16 KiB
 *                         (SECURITY.md row 5); RETR and TOP bodies are streamed and not limited
 * @param maxListingSize   a whole listing response, its lines with their CRLF: 256 KiB
 * @param leniencies       named, opt-in deviations; empty by default (strict)
 */
public record Pop3DecoderConfig(int maxCommandLine, int maxAuthLine, int maxStatusLine, int maxMultiLineLine,
        int maxListingSize, Set<Pop3Leniency> leniencies) {

    public static final int DEFAULT_MAX_COMMAND_LINE = 255;
    public static final int DEFAULT_MAX_AUTH_LINE = 12288;
    public static final int DEFAULT_MAX_STATUS_LINE = 512;
    public static final int DEFAULT_MAX_MULTI_LINE_LINE = 16 * 1024;
    public static final int DEFAULT_MAX_LISTING_SIZE = 256 * 1024;

    /** The shortest line limit: room for a keyword, an argument and the CRLF. */
    public static final int MIN_LINE_LIMIT = 16;

    /**
     * Ceiling of every line limit, the line scanner's own (plus the CRLF): a typo such as
     * Integer.MAX_VALUE must not turn a scratch buffer into a memory-exhaustion vector.
     */
    public static final int MAX_LINE_LIMIT = LineScannerConfig.MAX_LINE_LENGTH_CEILING;

    private static final Pop3DecoderConfig DEFAULTS = builder().build();

    public Pop3DecoderConfig {
        range("maxCommandLine", maxCommandLine, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("maxAuthLine", maxAuthLine, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("maxStatusLine", maxStatusLine, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("maxMultiLineLine", maxMultiLineLine, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("maxListingSize", maxListingSize, MIN_LINE_LIMIT, Integer.MAX_VALUE);
        Objects.requireNonNull(leniencies, "leniencies");
        leniencies = leniencies.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(leniencies));
    }

    /** The RFC defaults, strict. */
    public static Pop3DecoderConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public boolean allows(Pop3Leniency leniency) {
        return leniencies.contains(leniency);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Starts from the defaults. */
    public static final class Builder {
        private int maxCommandLine = DEFAULT_MAX_COMMAND_LINE;
        private int maxAuthLine = DEFAULT_MAX_AUTH_LINE;
        private int maxStatusLine = DEFAULT_MAX_STATUS_LINE;
        private int maxMultiLineLine = DEFAULT_MAX_MULTI_LINE_LINE;
        private int maxListingSize = DEFAULT_MAX_LISTING_SIZE;
        private final EnumSet<Pop3Leniency> leniencies = EnumSet.noneOf(Pop3Leniency.class);

        private Builder() {
        }

        private Builder(Pop3DecoderConfig c) {
            maxCommandLine = c.maxCommandLine;
            maxAuthLine = c.maxAuthLine;
            maxStatusLine = c.maxStatusLine;
            maxMultiLineLine = c.maxMultiLineLine;
            maxListingSize = c.maxListingSize;
            leniencies.addAll(c.leniencies);
        }

        public Builder maxCommandLine(int v) {
            maxCommandLine = v;
            return this;
        }

        public Builder maxAuthLine(int v) {
            maxAuthLine = v;
            return this;
        }

        public Builder maxStatusLine(int v) {
            maxStatusLine = v;
            return this;
        }

        public Builder maxMultiLineLine(int v) {
            maxMultiLineLine = v;
            return this;
        }

        public Builder maxListingSize(int v) {
            maxListingSize = v;
            return this;
        }

        public Builder allow(Pop3Leniency leniency) {
            leniencies.add(Objects.requireNonNull(leniency, "leniency"));
            return this;
        }

        public Builder leniencies(Set<Pop3Leniency> newLeniencies) {
            leniencies.clear();
            leniencies.addAll(newLeniencies);
            return this;
        }

        public Pop3DecoderConfig build() {
            return new Pop3DecoderConfig(maxCommandLine, maxAuthLine, maxStatusLine, maxMultiLineLine,
                    maxListingSize, leniencies);
        }
    }
}
