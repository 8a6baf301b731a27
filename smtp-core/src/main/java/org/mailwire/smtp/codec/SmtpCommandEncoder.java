package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import org.mailwire.smtp.DsnNotify;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.OriginalRecipient;
import org.mailwire.smtp.RcptParameters;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.Xtext;

/**
 * Writes an {@link SmtpCommand} with its CRLF, in canonical form: upper-case verbs, paths in angle
 * brackets with the local part quoted only when it must be, and MAIL/RCPT parameters in a fixed
 * order ({@code SIZE BODY SMTPUTF8 RET ENVID AUTH REQUIRETLS}, {@code NOTIFY ORCPT}) with ENVID,
 * AUTH and ORCPT xtext-encoded (RFC 3461 §4, RFC 4954 §5, RFC 6533 §3 for a utf-8 ORCPT).
 *
 * <p>Commands validate their arguments when built, so no value can carry CR, LF or NUL; the
 * encoder checks the result again and throws {@link IllegalArgumentException} (without echoing
 * the value) if one ever did (SECURITY.md row 11).
 */
public final class SmtpCommandEncoder {

    private SmtpCommandEncoder() {
    }

    /** A heap buffer, position 0, limit the length; the caller owns it. */
    public static ByteBuffer encode(SmtpCommand command) {
        return Wire.encode(line(command).append("\r\n"));
    }

    private static StringBuilder line(SmtpCommand command) {
        StringBuilder out = new StringBuilder(64).append(command.verb());
        if (command instanceof SmtpCommand.Helo c) {
            out.append(' ').append(c.domain());
        } else if (command instanceof SmtpCommand.Ehlo c) {
            out.append(' ').append(c.domain());
        } else if (command instanceof SmtpCommand.Lhlo c) {
            out.append(' ').append(c.domain());
        } else if (command instanceof SmtpCommand.Mail c) {
            out.append(" FROM:").append(c.from().toWire());
            mailParameters(c.parameters(), out);
        } else if (command instanceof SmtpCommand.Rcpt c) {
            out.append(" TO:").append(c.to().toWire());
            rcptParameters(c.parameters(), out);
        } else if (command instanceof SmtpCommand.Bdat c) {
            out.append(' ').append(c.chunkSize());
            if (c.last()) {
                out.append(" LAST");
            }
        } else if (command instanceof SmtpCommand.Noop c) {
            optional(c.argument(), out);
        } else if (command instanceof SmtpCommand.Help c) {
            optional(c.argument(), out);
        } else if (command instanceof SmtpCommand.Vrfy c) {
            out.append(' ').append(c.argument());
        } else if (command instanceof SmtpCommand.Expn c) {
            out.append(' ').append(c.argument());
        } else if (command instanceof SmtpCommand.Auth c) {
            out.append(' ').append(c.mechanism());
            c.initialResponse().ifPresent(r -> out.append(' ').append(r));
        }
        // DATA, RSET, QUIT, STARTTLS: the verb alone (RFC 5321 §4.1.1).
        return out;
    }

    private static void optional(String argument, StringBuilder out) {
        if (!argument.isEmpty()) {
            out.append(' ').append(argument);
        }
    }

    private static void mailParameters(MailParameters p, StringBuilder out) {
        p.size().ifPresent(size -> out.append(" SIZE=").append(size));
        p.body().ifPresent(body -> out.append(" BODY=").append(body.keyword()));
        if (p.smtpUtf8()) {
            out.append(" SMTPUTF8");
        }
        p.ret().ifPresent(ret -> out.append(" RET=").append(ret.name()));
        p.envelopeId().ifPresent(id -> out.append(" ENVID=").append(Xtext.encode(id)));
        p.auth().ifPresent(auth -> out.append(" AUTH=").append(Xtext.encode(auth)));
        if (p.requireTls()) {
            out.append(" REQUIRETLS");
        }
    }

    private static void rcptParameters(RcptParameters p, StringBuilder out) {
        if (!p.notifyOn().isEmpty()) {
            out.append(" NOTIFY=");
            boolean first = true;
            for (DsnNotify n : p.notifyInOrder()) {
                out.append(first ? "" : ",").append(n.name());
                first = false;
            }
        }
        p.orcpt().ifPresent(o -> out.append(" ORCPT=").append(o.addressType()).append(';')
                .append(o.isUtf8Type() ? Xtext.encodeUtf8Address(o.address()) : Xtext.encode(o.address())));
    }
}
