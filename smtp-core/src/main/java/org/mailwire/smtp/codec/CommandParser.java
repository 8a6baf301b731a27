package org.mailwire.smtp.codec;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mailwire.smtp.BodyType;
import org.mailwire.smtp.DsnNotify;
import org.mailwire.smtp.DsnReturn;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.OriginalRecipient;
import org.mailwire.smtp.RcptParameters;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.SmtpSyntax;
import org.mailwire.smtp.Xtext;
import org.mailwire.smtp.codec.CommandViolation.Kind;

/**
 * Turns one command line (content without CRLF, already free of NUL, bare CR and bare LF) into a
 * {@link SmtpCommand} or the {@link Kind} of its refusal. Pure and stateless apart from the
 * configuration; a new error slot per call keeps it free of exceptions for hostile input.
 */
final class CommandParser {

    private final SmtpDecoderConfig config;
    private final boolean missingAngleBrackets;
    private final boolean spaceAfterColon;

    /** The refusal of the current parse, set when a parse method returns null. */
    private Kind error;

    CommandParser(SmtpDecoderConfig config) {
        this.config = config;
        this.missingAngleBrackets = config.allows(SmtpLeniency.MISSING_ANGLE_BRACKETS);
        this.spaceAfterColon = config.allows(SmtpLeniency.SPACE_AFTER_COLON);
    }

    /**
     * @param line        the line, decoded as UTF-8 (or as ISO-8859-1 when {@code badUtf8})
     * @param lineOctets  its length on the wire, CRLF included
     * @param badUtf8     whether the octets were not valid UTF-8
     * @param utf8Paths   whether RCPT may carry UTF-8 paths (a MAIL with SMTPUTF8 came before)
     * @return an {@link SmtpCommand} or a {@link CommandViolation}
     */
    Object parse(String line, int lineOctets, boolean badUtf8, boolean utf8Paths) {
        int sp = line.indexOf(' ');
        String verbText = sp < 0 ? line : line.substring(0, sp);
        String arg = sp < 0 ? null : line.substring(sp + 1);
        Verb verb = Verb.of(verbText);
        if (verb == null) {
            if (lineOctets > config.maxCommandLine()) {
                return CommandViolation.of(Kind.LINE_TOO_LONG);
            }
            return badUtf8 ? CommandViolation.of(Kind.UNKNOWN_COMMAND)
                    : CommandViolation.unknown(verbText, arg == null ? "" : arg);
        }
        int limit = switch (verb) {
            case MAIL -> config.maxMailLine();
            case RCPT -> config.maxRcptLine();
            case AUTH -> config.maxAuthLine();
            default -> config.maxCommandLine();
        };
        if (lineOctets > limit) {
            return CommandViolation.of(Kind.LINE_TOO_LONG);
        }
        if (badUtf8) {
            return CommandViolation.of(verb == Verb.MAIL ? Kind.BAD_SENDER
                    : verb == Verb.RCPT ? Kind.BAD_RECIPIENT : Kind.SYNTAX_ERROR);
        }
        error = null;
        SmtpCommand command = switch (verb) {
            case HELO -> domainArgument(arg) ? new SmtpCommand.Helo(arg) : null;
            case EHLO -> domainArgument(arg) ? new SmtpCommand.Ehlo(arg) : null;
            case LHLO -> domainArgument(arg) ? new SmtpCommand.Lhlo(arg) : null;
            case MAIL -> mail(arg);
            case RCPT -> rcpt(arg, utf8Paths);
            case DATA -> arg == null ? new SmtpCommand.Data() : null;
            case RSET -> arg == null ? new SmtpCommand.Rset() : null;
            case QUIT -> arg == null ? new SmtpCommand.Quit() : null;
            case STARTTLS -> arg == null ? new SmtpCommand.StartTls() : null;
            case NOOP -> optionalText(arg) ? new SmtpCommand.Noop(arg == null ? "" : arg) : null;
            case HELP -> optionalText(arg) ? new SmtpCommand.Help(arg == null ? "" : arg) : null;
            case VRFY -> requiredText(arg) ? new SmtpCommand.Vrfy(arg) : null;
            case EXPN -> requiredText(arg) ? new SmtpCommand.Expn(arg) : null;
            case BDAT -> bdat(arg);
            case AUTH -> auth(arg);
        };
        if (command == null) {
            return CommandViolation.of(error == null ? Kind.SYNTAX_ERROR : error);
        }
        return command;
    }

    /** The verbs, matched whole, ASCII letters only, ignoring case (so QUITX is unknown). */
    enum Verb {
        HELO, EHLO, LHLO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS, AUTH;

        static Verb of(String text) {
            if (text.length() < 4 || text.length() > 8) {
                return null;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // ASCII only before upper-casing: "quıt" (dotless i) must not become QUIT.
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                    return null;
                }
            }
            String upper = text.toUpperCase(Locale.ROOT);
            for (Verb v : values()) {
                if (v.name().equals(upper)) {
                    return v;
                }
            }
            return null;
        }
    }

    private static boolean domainArgument(String arg) {
        // RFC 5321 §4.1.1.1: exactly one Domain or address-literal; HELO/EHLO predate SMTPUTF8.
        return arg != null && SmtpSyntax.isDomainOrAddressLiteral(arg, false);
    }

    private static boolean optionalText(String arg) {
        return arg == null || SmtpSyntax.isText(arg);
    }

    private static boolean requiredText(String arg) {
        return arg != null && !arg.isEmpty() && SmtpSyntax.isText(arg);
    }

    /** RFC 3030 §2: {@code "BDAT" SP chunk-size [ SP end-marker ]}, chunk-size = 1*DIGIT. */
    private SmtpCommand bdat(String arg) {
        if (arg == null) {
            return null;
        }
        int sp = arg.indexOf(' ');
        String size = sp < 0 ? arg : arg.substring(0, sp);
        boolean last = false;
        if (sp >= 0) {
            if (!arg.substring(sp + 1).equalsIgnoreCase("LAST")) {
                return null;
            }
            last = true;
        }
        long value = digits(size);
        return value < 0 ? null : new SmtpCommand.Bdat(value, last);
    }

    /** A non-negative number of ASCII digits, -1 if not digits or beyond Long range. */
    private static long digits(String s) {
        if (!allDigits(s)) {
            return -1;
        }
        int first = 0;
        while (first < s.length() - 1 && s.charAt(first) == '0') {
            first++;
        }
        if (s.length() - first > 19) {
            return -1;
        }
        try {
            return Long.parseLong(s, first, s.length(), 10);
        } catch (NumberFormatException overflow) {
            return -1;
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** RFC 4954 §4: {@code "AUTH" SP sasl-mech [SP initial-response]}. */
    private SmtpCommand auth(String arg) {
        if (arg == null) {
            return null;
        }
        int sp = arg.indexOf(' ');
        String mech = (sp < 0 ? arg : arg.substring(0, sp));
        if (!SmtpSyntax.isAscii(mech)) {
            return null;
        }
        mech = mech.toUpperCase(Locale.ROOT);
        if (!SmtpCommand.Auth.isMechanism(mech)) {
            return null;
        }
        if (sp < 0) {
            return new SmtpCommand.Auth(mech, Optional.empty());
        }
        String ir = arg.substring(sp + 1);
        if (!ir.equals("=") && !SmtpCommand.Auth.isBase64(ir)) {
            return null;
        }
        return new SmtpCommand.Auth(mech, Optional.of(ir));
    }

    // ---------------------------------------------------------------- MAIL and RCPT

    private SmtpCommand mail(String arg) {
        if (arg == null || !arg.regionMatches(true, 0, "FROM:", 0, 5)) {
            return null;
        }
        int at = skipSpaces(arg, 5);
        int end = pathEnd(arg, at);
        if (end < 0) {
            error = Kind.BAD_SENDER;
            return null;
        }
        String pathText = arg.substring(at, end);
        Mailbox mailbox = null;
        boolean nullPath = pathText.equals("<>");
        if (!nullPath) {
            mailbox = mailbox(pathText, false);
            if (mailbox == null) {
                error = Kind.BAD_SENDER;
                return null;
            }
        }
        MailParameters params = mailParameters(arg, end);
        if (params == null) {
            return null;
        }
        if (mailbox != null && !mailbox.isAscii() && !params.smtpUtf8()) {
            error = Kind.NON_ASCII_WITHOUT_SMTPUTF8;
            return null;
        }
        return new SmtpCommand.Mail(nullPath ? ReversePath.NULL : ReversePath.of(mailbox), params);
    }

    private SmtpCommand rcpt(String arg, boolean utf8Paths) {
        if (arg == null || !arg.regionMatches(true, 0, "TO:", 0, 3)) {
            return null;
        }
        int at = skipSpaces(arg, 3);
        int end = pathEnd(arg, at);
        if (end < 0) {
            error = Kind.BAD_RECIPIENT;
            return null;
        }
        String pathText = arg.substring(at, end);
        Mailbox mailbox = mailbox(pathText, true);
        if (mailbox == null) {
            error = Kind.BAD_RECIPIENT;
            return null;
        }
        RcptParameters params = rcptParameters(arg, end, utf8Paths);
        if (params == null) {
            return null;
        }
        if (!mailbox.isAscii() && !utf8Paths) {
            error = Kind.NON_ASCII_WITHOUT_SMTPUTF8;
            return null;
        }
        return new SmtpCommand.Rcpt(ForwardPath.of(mailbox), params);
    }

    private int skipSpaces(String arg, int from) {
        int i = from;
        if (spaceAfterColon) {
            while (i < arg.length() && arg.charAt(i) == ' ') {
                i++;
            }
        }
        return i;
    }

    /**
     * End (exclusive) of the path starting at {@code from}: after the {@code >} that closes it
     * (a {@code >} inside a quoted local part does not), or with the MISSING_ANGLE_BRACKETS
     * leniency at the first space. The path must be followed by the end or a space. -1 if none.
     */
    private int pathEnd(String arg, int from) {
        int n = arg.length();
        if (from >= n) {
            return -1;
        }
        boolean bracketed = arg.charAt(from) == '<';
        if (!bracketed && !missingAngleBrackets) {
            return -1;
        }
        boolean quoted = false;
        for (int i = bracketed ? from + 1 : from; i < n; i++) {
            char c = arg.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (bracketed && c == '>') {
                return i + 1 == n || arg.charAt(i + 1) == ' ' ? i + 1 : -1;
            } else if (c == ' ' || c == '<' || c == '>') {
                return bracketed || c != ' ' || i == from ? -1 : i;
            }
        }
        return bracketed || quoted ? -1 : n;
    }

    /**
     * RFC 5321 §4.1.2 {@code Path = "<" [ A-d-l ":" ] Mailbox ">"}, the source route checked and
     * discarded; without brackets only under MISSING_ANGLE_BRACKETS (checked by the caller). UTF-8
     * is accepted here and judged by the caller, who knows whether SMTPUTF8 applies.
     */
    private static Mailbox mailbox(String pathText, boolean forward) {
        if (SmtpSyntax.octets(pathText) + (pathText.startsWith("<") ? 0 : 2) > SmtpSyntax.MAX_PATH_OCTETS) {
            return null;
        }
        String inner = pathText.startsWith("<") ? pathText.substring(1, pathText.length() - 1) : pathText;
        if (forward && inner.equalsIgnoreCase("postmaster")) {
            // RFC 5321 §4.5.1: <Postmaster> without a domain, matched ignoring case.
            return new Mailbox(inner, "");
        }
        if (inner.startsWith("@")) {
            int colon = inner.indexOf(':');
            if (colon < 0 || !sourceRoute(inner.substring(0, colon))) {
                return null;
            }
            inner = inner.substring(colon + 1);
        }
        String local;
        int at;
        if (inner.startsWith("\"")) {
            StringBuilder decoded = new StringBuilder();
            int i = 1;
            boolean closed = false;
            while (i < inner.length()) {
                int cp = inner.codePointAt(i);
                if (cp == '"') {
                    closed = true;
                    i++;
                    break;
                }
                if (cp == '\\') {
                    // RFC 5321 quoted-pairSMTP = %d92 %d32-126
                    if (i + 1 >= inner.length() || inner.charAt(i + 1) < 32 || inner.charAt(i + 1) > 126) {
                        return null;
                    }
                    decoded.append(inner.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (!SmtpSyntax.isQtext(cp, true)) {
                    return null;
                }
                decoded.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (!closed || i >= inner.length() || inner.charAt(i) != '@') {
                return null;
            }
            local = decoded.toString();
            at = i;
        } else {
            at = inner.indexOf('@');
            if (at < 0) {
                return null;
            }
            local = inner.substring(0, at);
            if (!SmtpSyntax.isDotString(local, true)) {
                return null;
            }
        }
        String domain = inner.substring(at + 1);
        if (!SmtpSyntax.isDomainOrAddressLiteral(domain, true)) {
            return null;
        }
        try {
            return new Mailbox(local, domain);
        } catch (IllegalArgumentException tooLong) {
            return null;
        }
    }

    /** RFC 5321 §4.1.2 {@code A-d-l = At-domain *( "," At-domain )}, At-domain = "@" Domain. */
    private static boolean sourceRoute(String route) {
        int from = 0;
        while (true) {
            int comma = route.indexOf(',', from);
            String atDomain = comma < 0 ? route.substring(from) : route.substring(from, comma);
            if (atDomain.length() < 2 || atDomain.charAt(0) != '@'
                    || !SmtpSyntax.isDomain(atDomain.substring(1), false)) {
                return false;
            }
            if (comma < 0) {
                return true;
            }
            from = comma + 1;
        }
    }

    // ---------------------------------------------------------------- parameters

    private static final int SIZE = 1;
    private static final int BODY = 1 << 1;
    private static final int SMTPUTF8 = 1 << 2;
    private static final int RET = 1 << 3;
    private static final int ENVID = 1 << 4;
    private static final int AUTH = 1 << 5;
    private static final int REQUIRETLS = 1 << 6;
    private static final int NOTIFY = 1 << 7;
    private static final int ORCPT = 1 << 8;

    /** One {@code esmtp-keyword ["=" esmtp-value]}, split; null value when there was no "=". */
    private record Param(int bit, String value) {
    }

    /**
     * Splits the next parameter starting at {@code from} (just after its SP) into keyword and
     * value, or sets {@link #error}. RFC 5321 §4.1.2: esmtp-keyword = (ALPHA / DIGIT)
     * *(ALPHA / DIGIT / "-"), esmtp-value = 1*(%d33-60 / %d62-126 / UTF8-non-ascii).
     */
    private Param param(String token, boolean mail) {
        int eq = token.indexOf('=');
        String keyword = eq < 0 ? token : token.substring(0, eq);
        String value = eq < 0 ? null : token.substring(eq + 1);
        if (!SmtpSyntax.isEsmtpKeyword(keyword)) {
            error = Kind.SYNTAX_ERROR;
            return null;
        }
        int bit = switch (keyword.toUpperCase(Locale.ROOT)) {
            case "SIZE" -> mail ? SIZE : 0;
            case "BODY" -> mail ? BODY : 0;
            case "SMTPUTF8" -> mail ? SMTPUTF8 : 0;
            case "RET" -> mail ? RET : 0;
            case "ENVID" -> mail ? ENVID : 0;
            case "AUTH" -> mail ? AUTH : 0;
            case "REQUIRETLS" -> mail ? REQUIRETLS : 0;
            case "NOTIFY" -> mail ? 0 : NOTIFY;
            case "ORCPT" -> mail ? 0 : ORCPT;
            default -> 0;
        };
        if (bit == 0) {
            error = Kind.UNKNOWN_PARAMETER;
            return null;
        }
        boolean flag = bit == SMTPUTF8 || bit == REQUIRETLS;
        if (flag != (value == null) || (value != null && !esmtpValue(value))) {
            error = Kind.BAD_PARAMETER_VALUE;
            return null;
        }
        return new Param(bit, value);
    }

    private static boolean esmtpValue(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80 ? c < 33 || c > 126 || c == '=' : Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits {@code arg} after the path ({@code from} is its end) into parameter tokens. Exactly
     * one SP before each (RFC 5321 §4.1.2 Mail-parameters); null with {@link #error} on an empty one.
     */
    private String[] tokens(String arg, int from) {
        if (from == arg.length()) {
            return new String[0];
        }
        String[] tokens = arg.substring(from + 1).split(" ", -1);
        for (String t : tokens) {
            if (t.isEmpty()) {
                error = Kind.SYNTAX_ERROR;
                return null;
            }
        }
        return tokens;
    }

    private MailParameters mailParameters(String arg, int from) {
        String[] tokens = tokens(arg, from);
        if (tokens == null) {
            return null;
        }
        int seen = 0;
        OptionalLong size = OptionalLong.empty();
        Optional<BodyType> body = Optional.empty();
        Optional<DsnReturn> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        Optional<String> auth = Optional.empty();
        for (String token : tokens) {
            Param p = param(token, true);
            if (p == null) {
                return null;
            }
            if ((seen & p.bit) != 0) {
                error = Kind.DUPLICATE_PARAMETER;
                return null;
            }
            seen |= p.bit;
            String v = p.value;
            switch (p.bit) {
                case SIZE -> {
                    // RFC 1870 §3: size-value ::= 1*20DIGIT; beyond Long range is still a
                    // declared size, just one no server accepts.
                    if (v.length() > MailParameters.MAX_SIZE_DIGITS || !allDigits(v)) {
                        return badValue();
                    }
                    long n = digits(v);
                    size = OptionalLong.of(n < 0 ? Long.MAX_VALUE : n);
                }
                case BODY -> {
                    body = BodyType.fromKeyword(v);
                    if (body.isEmpty()) {
                        return badValue();
                    }
                }
                case RET -> {
                    String upper = v.toUpperCase(Locale.ROOT);
                    if (!upper.equals("FULL") && !upper.equals("HDRS")) {
                        return badValue();
                    }
                    ret = Optional.of(DsnReturn.valueOf(upper));
                }
                case ENVID -> {
                    envid = xtextValue(v, MailParameters.MAX_ENVELOPE_ID_LENGTH);
                    if (envid.isEmpty()) {
                        return badValue();
                    }
                }
                case AUTH -> {
                    auth = xtextValue(v, Integer.MAX_VALUE);
                    if (auth.isEmpty()) {
                        return badValue();
                    }
                }
                default -> {
                    // SMTPUTF8, REQUIRETLS: flags, already checked to carry no value.
                }
            }
        }
        return new MailParameters(size, body, (seen & SMTPUTF8) != 0, ret, envid, auth, (seen & REQUIRETLS) != 0);
    }

    /** xtext decoded to printable US-ASCII (RFC 3461 §4.4, RFC 4954 §5), at most maxLength as sent. */
    private static Optional<String> xtextValue(String v, int maxLength) {
        if (v.length() > maxLength || !SmtpSyntax.isAscii(v)) {
            return Optional.empty();
        }
        try {
            String decoded = Xtext.decode(v);
            for (int i = 0; i < decoded.length(); i++) {
                if (decoded.charAt(i) < 0x20 || decoded.charAt(i) > 0x7E) {
                    return Optional.empty();
                }
            }
            return Optional.of(decoded);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private <T> T badValue() {
        error = Kind.BAD_PARAMETER_VALUE;
        return null;
    }

    private RcptParameters rcptParameters(String arg, int from, boolean utf8) {
        String[] tokens = tokens(arg, from);
        if (tokens == null) {
            return null;
        }
        int seen = 0;
        Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
        Optional<OriginalRecipient> orcpt = Optional.empty();
        for (String token : tokens) {
            Param p = param(token, false);
            if (p == null) {
                return null;
            }
            if ((seen & p.bit) != 0) {
                error = Kind.DUPLICATE_PARAMETER;
                return null;
            }
            seen |= p.bit;
            if (p.bit == NOTIFY) {
                // RFC 3461 §4.1: "NEVER" or a comma-separated list of SUCCESS, FAILURE, DELAY.
                for (String item : p.value.split(",", -1)) {
                    DsnNotify n = switch (item.toUpperCase(Locale.ROOT)) {
                        case "NEVER" -> DsnNotify.NEVER;
                        case "SUCCESS" -> DsnNotify.SUCCESS;
                        case "FAILURE" -> DsnNotify.FAILURE;
                        case "DELAY" -> DsnNotify.DELAY;
                        default -> null;
                    };
                    if (n == null || !notify.add(n)) {
                        return badValue();
                    }
                }
                if (notify.contains(DsnNotify.NEVER) && notify.size() > 1) {
                    return badValue();
                }
            } else {
                orcpt = orcpt(p.value, utf8);
                if (orcpt == null) {
                    return null;
                }
            }
        }
        return new RcptParameters(notify, orcpt);
    }

    /** RFC 3461 §4.2 {@code addr-type ";" xtext}; RFC 6533 §3 for the utf-8 type. */
    private Optional<OriginalRecipient> orcpt(String value, boolean utf8) {
        int semi = value.indexOf(';');
        if (semi <= 0 || semi == value.length() - 1) {
            return badValue();
        }
        String type = value.substring(0, semi);
        String encoded = value.substring(semi + 1);
        boolean ascii = SmtpSyntax.isAscii(encoded);
        try {
            if (type.equalsIgnoreCase(OriginalRecipient.UTF8_TYPE)) {
                if (!ascii && !utf8) {
                    error = Kind.NON_ASCII_WITHOUT_SMTPUTF8;
                    return null;
                }
                return Optional.of(new OriginalRecipient(type, Xtext.decodeUtf8Address(encoded, utf8)));
            }
            if (!ascii) {
                return badValue();
            }
            return Optional.of(new OriginalRecipient(type, Xtext.decode(encoded)));
        } catch (IllegalArgumentException malformed) {
            return badValue();
        }
    }
}
