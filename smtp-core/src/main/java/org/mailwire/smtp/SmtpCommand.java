package org.mailwire.smtp;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMTP or LMTP command (RFC 5321 §4.1.1, RFC 2033 §4.1, and the extensions Mailwire supports).
 *
 * <p>Every record validates its arguments when built: a domain must be RFC 5321 syntax, free text
 * may not hold CR, LF, NUL or other controls, so a command built by a caller can never smuggle a
 * second command onto the wire (SECURITY.md row 11).
 */
public sealed interface SmtpCommand {

    /** The verb as written on the wire, upper-case. */
    String verb();

    /** RFC 5321 §4.1.1.1; the domain or address literal as sent. */
    record Helo(String domain) implements SmtpCommand {
        public Helo {
            requireDomain(domain);
        }

        @Override
        public String verb() {
            return "HELO";
        }
    }

    /** RFC 5321 §4.1.1.1; the domain or address literal as sent. */
    record Ehlo(String domain) implements SmtpCommand {
        public Ehlo {
            requireDomain(domain);
        }

        @Override
        public String verb() {
            return "EHLO";
        }
    }

    /** RFC 2033 §4.1: LMTP's EHLO. */
    record Lhlo(String domain) implements SmtpCommand {
        public Lhlo {
            requireDomain(domain);
        }

        @Override
        public String verb() {
            return "LHLO";
        }
    }

    /** RFC 5321 §4.1.1.2. */
    record Mail(ReversePath from, MailParameters parameters) implements SmtpCommand {
        public Mail {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public String verb() {
            return "MAIL";
        }
    }

    /** RFC 5321 §4.1.1.3. */
    record Rcpt(ForwardPath to, RcptParameters parameters) implements SmtpCommand {
        public Rcpt {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public String verb() {
            return "RCPT";
        }
    }

    /** RFC 5321 §4.1.1.4. */
    record Data() implements SmtpCommand {
        @Override
        public String verb() {
            return "DATA";
        }
    }

    /** RFC 3030 §2: {@code BDAT chunk-size [SP "LAST"]}. */
    record Bdat(long chunkSize, boolean last) implements SmtpCommand {
        public Bdat {
            if (chunkSize < 0) {
                throw new IllegalArgumentException("chunk size must not be negative");
            }
        }

        @Override
        public String verb() {
            return "BDAT";
        }
    }

    /** RFC 5321 §4.1.1.5. */
    record Rset() implements SmtpCommand {
        @Override
        public String verb() {
            return "RSET";
        }
    }

    /** RFC 5321 §4.1.1.9; the argument, which servers ignore, is "" when absent. */
    record Noop(String argument) implements SmtpCommand {
        public Noop {
            requireText(argument, true);
        }

        @Override
        public String verb() {
            return "NOOP";
        }
    }

    /** RFC 5321 §4.1.1.10. */
    record Quit() implements SmtpCommand {
        @Override
        public String verb() {
            return "QUIT";
        }
    }

    /** RFC 5321 §4.1.1.6; the argument is required. */
    record Vrfy(String argument) implements SmtpCommand {
        public Vrfy {
            requireText(argument, false);
        }

        @Override
        public String verb() {
            return "VRFY";
        }
    }

    /** RFC 5321 §4.1.1.7; the argument is required. */
    record Expn(String argument) implements SmtpCommand {
        public Expn {
            requireText(argument, false);
        }

        @Override
        public String verb() {
            return "EXPN";
        }
    }

    /** RFC 5321 §4.1.1.8; the argument is "" when absent. */
    record Help(String argument) implements SmtpCommand {
        public Help {
            requireText(argument, true);
        }

        @Override
        public String verb() {
            return "HELP";
        }
    }

    /** RFC 3207 §4. */
    record StartTls() implements SmtpCommand {
        @Override
        public String verb() {
            return "STARTTLS";
        }
    }

    /**
     * RFC 4954 §4: {@code AUTH mechanism [SP initial-response]}.
     *
     * @param mechanism       RFC 4422 sasl-mech (1 to 20 of A-Z, 0-9, "-", "_"), upper-cased here
     * @param initialResponse the base64 text as sent, or "=" for an empty initial response
     */
    record Auth(String mechanism, Optional<String> initialResponse) implements SmtpCommand {

        /** RFC 4422 §3.1: a mechanism name is at most 20 characters. */
        public static final int MAX_MECHANISM_LENGTH = 20;

        public Auth {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(initialResponse, "initialResponse");
            mechanism = mechanism.toUpperCase(Locale.ROOT);
            if (!isMechanism(mechanism)) {
                throw new IllegalArgumentException("not a SASL mechanism name");
            }
            initialResponse.ifPresent(r -> {
                if (!r.equals("=") && !isBase64(r)) {
                    throw new IllegalArgumentException("initial response must be base64 or \"=\"");
                }
            });
        }

        @Override
        public String verb() {
            return "AUTH";
        }

        /** RFC 4422 §3.1 sasl-mech, upper-case. */
        public static boolean isMechanism(String s) {
            if (s.isEmpty() || s.length() > MAX_MECHANISM_LENGTH) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    return false;
                }
            }
            return true;
        }

        /**
         * RFC 4648 §4 base64 with padding, non-empty (an empty response is "=", RFC 4954 §4).
         * Linear, no regular expression.
         */
        public static boolean isBase64(String s) {
            int n = s.length();
            if (n == 0 || n % 4 != 0) {
                return false;
            }
            int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
            for (int i = 0; i < n - pad; i++) {
                char c = s.charAt(i);
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '+' || c == '/')) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void requireDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        if (!SmtpSyntax.isDomainOrAddressLiteral(domain, false)) {
            throw new IllegalArgumentException("not a domain or address literal");
        }
    }

    private static void requireText(String argument, boolean mayBeEmpty) {
        Objects.requireNonNull(argument, "argument");
        if ((!mayBeEmpty && argument.isEmpty()) || !SmtpSyntax.isText(argument)) {
            throw new IllegalArgumentException(mayBeEmpty ? "argument holds a control character"
                    : "argument is empty or holds a control character");
        }
    }
}
