package org.mailwire.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parameters of MAIL FROM that Mailwire knows, decoded. Whether the matching extension was
 * advertised is for the session to check; the decoder refuses every other keyword.
 *
 * @param size        RFC 1870 SIZE, the declared message size in octets
 * @param body        RFC 6152 / RFC 3030 BODY
 * @param smtpUtf8    RFC 6531 §3.4 SMTPUTF8 (no value)
 * @param ret         RFC 3461 §4.3 RET
 * @param envelopeId  RFC 3461 §4.4 ENVID, xtext-decoded: printable US-ASCII
 * @param auth        RFC 4954 §5 AUTH, xtext-decoded: an addr-spec or "<>"
 * @param requireTls  RFC 8689 §4.1 REQUIRETLS (no value)
 */
public record MailParameters(OptionalLong size, Optional<BodyType> body, boolean smtpUtf8,
        Optional<DsnReturn> ret, Optional<String> envelopeId, Optional<String> auth, boolean requireTls) {

    /** RFC 3461 §4.4: the ENVID value is at most 100 characters. */
    public static final int MAX_ENVELOPE_ID_LENGTH = 100;

    /** RFC 1870 §3: size-value ::= 1*20DIGIT. */
    public static final int MAX_SIZE_DIGITS = 20;

    /** No parameters. */
    public static final MailParameters NONE = new MailParameters(OptionalLong.empty(), Optional.empty(),
            false, Optional.empty(), Optional.empty(), Optional.empty(), false);

    public MailParameters {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(auth, "auth");
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        envelopeId.ifPresent(id -> {
            if (!isPrintableAscii(id) || Xtext.encode(id).length() > MAX_ENVELOPE_ID_LENGTH) {
                throw new IllegalArgumentException("envelope id must be 1 to " + MAX_ENVELOPE_ID_LENGTH
                        + " xtext characters of printable US-ASCII");
            }
        });
        auth.ifPresent(a -> {
            if (!isPrintableAscii(a)) {
                throw new IllegalArgumentException("AUTH mailbox must be printable US-ASCII");
            }
        });
    }

    public MailParameters withSize(long newSize) {
        return new MailParameters(OptionalLong.of(newSize), body, smtpUtf8, ret, envelopeId, auth, requireTls);
    }

    public MailParameters withBody(BodyType newBody) {
        return new MailParameters(size, Optional.of(newBody), smtpUtf8, ret, envelopeId, auth, requireTls);
    }

    public MailParameters withSmtpUtf8(boolean newSmtpUtf8) {
        return new MailParameters(size, body, newSmtpUtf8, ret, envelopeId, auth, requireTls);
    }

    public MailParameters withRet(DsnReturn newRet) {
        return new MailParameters(size, body, smtpUtf8, Optional.of(newRet), envelopeId, auth, requireTls);
    }

    public MailParameters withEnvelopeId(String newEnvelopeId) {
        return new MailParameters(size, body, smtpUtf8, ret, Optional.of(newEnvelopeId), auth, requireTls);
    }

    public MailParameters withAuth(String newAuth) {
        return new MailParameters(size, body, smtpUtf8, ret, envelopeId, Optional.of(newAuth), requireTls);
    }

    public MailParameters withRequireTls(boolean newRequireTls) {
        return new MailParameters(size, body, smtpUtf8, ret, envelopeId, auth, newRequireTls);
    }

    /** Non-empty, characters 0x20..0x7E only: what a DSN may carry back without encoding. */
    static boolean isPrintableAscii(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
