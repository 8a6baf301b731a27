package org.mailwire.smtp.codec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.mailwire.smtp.BodyType;
import org.mailwire.smtp.DsnNotify;
import org.mailwire.smtp.DsnReturn;
import org.mailwire.smtp.EnhancedStatusCode;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.OriginalRecipient;
import org.mailwire.smtp.RcptParameters;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.SmtpReply;

/** jqwik generators of model values, small enough to stay within every RFC limit. */
final class Generators {

    private Generators() {
    }

    static Arbitrary<String> label() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('0', '7', 'Q').ofMinLength(1).ofMaxLength(10)
                .map(s -> s.length() > 2 ? s.charAt(0) + s.substring(1, s.length() - 1).replace('7', '-')
                        + s.charAt(s.length() - 1) : s);
    }

    static Arbitrary<String> asciiDomain() {
        return label().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    }

    static Arbitrary<String> domain(boolean utf8) {
        Arbitrary<String> literal = Arbitraries.of("[192.0.2.1]", "[IPv6:2001:db8::1]", "[IPv6:::ffff:10.0.0.1]",
                "[255.0.0.255]");
        Arbitrary<String> unicode = Arbitraries.of("exämple.com", "例子.广告", "δοκιμή.gr");
        return utf8 ? Arbitraries.frequencyOf(Tuple.of(6, asciiDomain()), Tuple.of(2, literal), Tuple.of(2, unicode))
                : Arbitraries.frequencyOf(Tuple.of(8, asciiDomain()), Tuple.of(2, literal));
    }

    static Arbitrary<String> localPart(boolean utf8) {
        Arbitrary<String> atom = Arbitraries.strings().withCharRange('a', 'z').withChars("!#$%&'*+-/=?^_`{|}~0123456789")
                .ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> dotString = atom.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
        Arbitrary<String> quoted = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12);
        Arbitrary<String> unicode = Arbitraries.of("pelé", "用户", "δοκιμή", "jö hn");
        return utf8 ? Arbitraries.frequencyOf(Tuple.of(5, dotString), Tuple.of(3, quoted), Tuple.of(2, unicode))
                : Arbitraries.frequencyOf(Tuple.of(6, dotString), Tuple.of(4, quoted));
    }

    static Arbitrary<Mailbox> mailbox(boolean utf8) {
        return Combinators.combine(localPart(utf8), domain(utf8)).as(Mailbox::new);
    }

    static Arbitrary<String> xtextish() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20);
    }

    static Arbitrary<MailParameters> mailParameters(boolean utf8) {
        Arbitrary<OptionalLong> size = Arbitraries.longs().between(0, Long.MAX_VALUE).optional()
                .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
        return Combinators.combine(size, Arbitraries.of(BodyType.class).optional(),
                        utf8 ? Arbitraries.just(true) : Arbitraries.of(false, true),
                        Arbitraries.of(DsnReturn.class).optional(), xtextish().optional(), xtextish().optional(),
                        Arbitraries.of(false, true))
                .as(MailParameters::new);
    }

    static Arbitrary<RcptParameters> rcptParameters() {
        Arbitrary<Set<DsnNotify>> notify = Arbitraries.oneOf(Arbitraries.just(Set.<DsnNotify>of()),
                Arbitraries.just(Set.of(DsnNotify.NEVER)),
                Arbitraries.of(DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY).set().ofMinSize(1));
        Arbitrary<OriginalRecipient> orcpt = Arbitraries.oneOf(
                xtextish().map(a -> new OriginalRecipient("rfc822", a.isBlank() ? "x" : a)),
                Arbitraries.of("δ@example.com", "a b+c=d\\e@x", "用户@例子.广告").map(a -> new OriginalRecipient("utf-8", a)));
        return Combinators.combine(notify, orcpt.optional()).as(RcptParameters::new);
    }

    static Arbitrary<SmtpCommand> command() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\t').ofMaxLength(30);
        Arbitrary<String> base64 = Arbitraries.strings().withCharRange('A', 'Z').withChars("abcxyz0189+/").ofLength(4)
                .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l))
                .flatMap(s -> Arbitraries.of(s, s.substring(0, s.length() - 1) + "=", s.substring(0, s.length() - 2) + "=="));
        return Arbitraries.oneOf(
                asciiDomain().map(SmtpCommand.Helo::new),
                domain(false).map(SmtpCommand.Ehlo::new),
                domain(false).map(SmtpCommand.Lhlo::new),
                Arbitraries.of(false, true).flatMap(utf8 -> Combinators.combine(
                        mailbox(utf8).map(ReversePath::of).injectNull(0.2).map(p -> p == null ? ReversePath.NULL : p),
                        mailParameters(utf8)).as(SmtpCommand.Mail::new)),
                Combinators.combine(Arbitraries.oneOf(mailbox(true).map(ForwardPath::of),
                        Arbitraries.just(ForwardPath.POSTMASTER)), rcptParameters()).as(SmtpCommand.Rcpt::new),
                Arbitraries.just(new SmtpCommand.Data()),
                Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(false, true))
                        .as(SmtpCommand.Bdat::new),
                Arbitraries.just(new SmtpCommand.Rset()),
                Arbitraries.just(new SmtpCommand.Quit()),
                Arbitraries.just(new SmtpCommand.StartTls()),
                text.map(SmtpCommand.Noop::new),
                text.map(SmtpCommand.Help::new),
                text.filter(s -> !s.isEmpty()).map(SmtpCommand.Vrfy::new),
                text.filter(s -> !s.isEmpty()).map(SmtpCommand.Expn::new),
                Combinators.combine(Arbitraries.of("PLAIN", "LOGIN", "cram-md5", "SCRAM-SHA-256", "XOAUTH2", "X_1"),
                        Arbitraries.oneOf(base64, Arbitraries.just("=")).optional()).as(SmtpCommand.Auth::new));
    }

    static Arbitrary<SmtpReply> reply() {
        Arbitrary<Integer> code = Arbitraries.integers().between(200, 599);
        Arbitrary<String> line = Arbitraries.strings().withCharRange(' ', '~').withChars('ü', '\t').ofMaxLength(40)
                // A line that itself starts like an enhanced code would be read as one: not generated.
                .filter(s -> s.isEmpty() || !Character.isDigit(s.charAt(0)));
        return code.flatMap(c -> Combinators.combine(
                Combinators.combine(Arbitraries.integers().between(0, 999), Arbitraries.integers().between(0, 999))
                        .as((s, d) -> c / 100 == 3 ? null : new EnhancedStatusCode(c / 100, s, d)).injectNull(0.4),
                line.list().ofMinSize(1).ofMaxSize(6))
                .as((status, lines) -> new SmtpReply(c, Optional.ofNullable(status), lines)));
    }

    /** Canonical form of a body for DATA: every bare CR or LF becomes CRLF, and a non-empty body ends with CRLF. */
    static byte[] canonical(byte[] body) {
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '\r') {
                out.add((byte) '\r');
                out.add((byte) '\n');
                if (i + 1 < body.length && body[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.add((byte) '\r');
                out.add((byte) '\n');
            } else {
                out.add(b);
            }
        }
        int n = out.size();
        if (n > 0 && !(n >= 2 && out.get(n - 2) == '\r' && out.get(n - 1) == '\n')) {
            out.add((byte) '\r');
            out.add((byte) '\n');
        }
        byte[] result = new byte[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }

    static Set<DsnNotify> none() {
        return EnumSet.noneOf(DsnNotify.class);
    }
}
