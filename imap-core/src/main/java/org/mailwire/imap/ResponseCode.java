package org.mailwire.imap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A response code, the bracketed part of {@code resp-text} (RFC 3501 §7.1, RFC 9051 §7.1,
 * RFC 4315 UIDPLUS, RFC 5530, RFC 7162 CONDSTORE/QRESYNC, RFC 8474 OBJECTID and the others named
 * at {@link Simple}). Codes this model does not know are kept as {@link Other}.
 */
public sealed interface ResponseCode {

    /**
     * Codes without arguments: RFC 3501 / RFC 9051 §7.1, RFC 4315 (UIDNOTSTICKY), RFC 4469
     * (TOOBIG), RFC 4978 (COMPRESSIONACTIVE), RFC 5182 (NOTSAVED), RFC 5530 (the error codes),
     * RFC 6154 (USEATTR), RFC 7162 (NOMODSEQ, CLOSED).
     */
    enum Simple implements ResponseCode {
        ALERT("ALERT"), PARSE("PARSE"), READ_ONLY("READ-ONLY"), READ_WRITE("READ-WRITE"), TRYCREATE("TRYCREATE"),
        NOMODSEQ("NOMODSEQ"), CLOSED("CLOSED"), UIDNOTSTICKY("UIDNOTSTICKY"), UNKNOWN_CTE("UNKNOWN-CTE"),
        UNAVAILABLE("UNAVAILABLE"), AUTHENTICATIONFAILED("AUTHENTICATIONFAILED"),
        AUTHORIZATIONFAILED("AUTHORIZATIONFAILED"), EXPIRED("EXPIRED"), PRIVACYREQUIRED("PRIVACYREQUIRED"),
        CONTACTADMIN("CONTACTADMIN"), NOPERM("NOPERM"), INUSE("INUSE"), EXPUNGEISSUED("EXPUNGEISSUED"),
        CORRUPTION("CORRUPTION"), SERVERBUG("SERVERBUG"), CLIENTBUG("CLIENTBUG"), CANNOT("CANNOT"), LIMIT("LIMIT"),
        OVERQUOTA("OVERQUOTA"), ALREADYEXISTS("ALREADYEXISTS"), NONEXISTENT("NONEXISTENT"),
        HASCHILDREN("HASCHILDREN"), NOTSAVED("NOTSAVED"), USEATTR("USEATTR"), COMPRESSIONACTIVE("COMPRESSIONACTIVE"),
        TOOBIG("TOOBIG");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The code with this wire name (upper case), or null. */
        public static Simple of(String wire) {
            for (Simple s : values()) {
                if (s.wire.equals(wire)) {
                    return s;
                }
            }
            return null;
        }
    }

    record UidNext(long uid) implements ResponseCode {
        public UidNext {
            Numbers.nz32(uid);
        }
    }

    record UidValidity(long value) implements ResponseCode {
        public UidValidity {
            Numbers.nz32(value);
        }
    }

    record Unseen(long seq) implements ResponseCode {
        public Unseen {
            Numbers.nz32(seq);
        }
    }

    /** Flags as sent; {@code \*} (new keywords allowed) is among them when the server allows it. */
    record PermanentFlags(List<String> flags) implements ResponseCode {
        public PermanentFlags {
            flags = List.copyOf(flags);
            for (String f : flags) {
                if (!f.equals("\\*")) {
                    new Flag(f);
                }
            }
        }
    }

    record Capability(List<String> capabilities) implements ResponseCode {
        public Capability {
            capabilities = Numbers.atoms(capabilities, false);
        }
    }

    record AppendUid(long uidValidity, SequenceSet uids) implements ResponseCode {
        public AppendUid {
            Numbers.nz32(uidValidity);
            Numbers.noStar(uids);
        }
    }

    record CopyUid(long uidValidity, SequenceSet source, SequenceSet destination) implements ResponseCode {
        public CopyUid {
            Numbers.nz32(uidValidity);
            Numbers.noStar(source);
            Numbers.noStar(destination);
        }
    }

    record HighestModSeq(long modSeq) implements ResponseCode {
        public HighestModSeq {
            Numbers.modSeq(modSeq);
        }
    }

    record Modified(SequenceSet set) implements ResponseCode {
        public Modified {
            Numbers.noStar(set);
        }
    }

    /**
     * {@code BADCHARSET}, with the charsets the server supports when it names them (RFC 3501
     * §7.1, RFC 9051 §7.1); an empty list when it does not.
     */
    record BadCharset(List<String> charsets) implements ResponseCode {
        public BadCharset {
            charsets = List.copyOf(charsets);
            for (String c : charsets) {
                if (c.isEmpty() || Syntax.hasCrLfNul(c)) {
                    throw new IllegalArgumentException("bad charset name");
                }
                for (int i = 0; i < c.length(); i++) {
                    if (c.charAt(i) > 0x7e) {
                        throw new IllegalArgumentException("a charset name is 7-bit");
                    }
                }
            }
        }
    }

    /** RFC 8474 {@code MAILBOXID}: the objectid of the mailbox just created or selected. */
    record MailboxId(String id) implements ResponseCode {
        public MailboxId {
            Numbers.objectId(id);
        }
    }

    /**
     * A code this model does not know: its atom, upper-cased, and any text up to the "]". An atom
     * naming a code modelled above decodes as that code when it has that code's form, so a
     * {@link Simple} atom without text is refused here; a {@link Simple} atom followed by text
     * (which RFC 9051's generic {@code atom [SP text]} form allows) is kept here rather than
     * refused.
     */
    record Other(String atom, Optional<String> text) implements ResponseCode {
        public Other {
            Objects.requireNonNull(text, "text");
            if (!Syntax.isAtom(atom) || atom.indexOf('[') >= 0) {
                throw new IllegalArgumentException("a response code is an atom");
            }
            atom = atom.toUpperCase(java.util.Locale.ROOT);
            if (text.isEmpty() && Simple.of(atom) != null) {
                throw new IllegalArgumentException("a code without arguments is a ResponseCode.Simple");
            }
            text.ifPresent(t -> {
                if (t.isEmpty() || t.indexOf(']') >= 0 || Syntax.hasCrLfNul(t)) {
                    throw new IllegalArgumentException("response code text holds no ], CR, LF or NUL");
                }
            });
        }
    }
}
