package org.mailwire.imap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A response code, the bracketed part of {@code resp-text} (RFC 3501 §7.1, RFC 9051 §7.1,
 * RFC 4315 UIDPLUS, RFC 7162 CONDSTORE/QRESYNC). Codes this model does not know are kept as
 * {@link Other}.
 */
public sealed interface ResponseCode {

    /** Codes without arguments. */
    enum Simple implements ResponseCode {
        ALERT("ALERT"), PARSE("PARSE"), READ_ONLY("READ-ONLY"), READ_WRITE("READ-WRITE"), TRYCREATE("TRYCREATE"),
        NOMODSEQ("NOMODSEQ"), CLOSED("CLOSED");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
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
     * A code this model does not know: its atom, upper-cased, and any text up to the "]". An atom
     * naming a code modelled above decodes as that code, not as this.
     */
    record Other(String atom, Optional<String> text) implements ResponseCode {
        public Other {
            Objects.requireNonNull(text, "text");
            if (!Syntax.isAtom(atom) || atom.indexOf('[') >= 0) {
                throw new IllegalArgumentException("a response code is an atom");
            }
            atom = atom.toUpperCase(java.util.Locale.ROOT);
            text.ifPresent(t -> {
                if (t.isEmpty() || t.indexOf(']') >= 0 || Syntax.hasCrLfNul(t)) {
                    throw new IllegalArgumentException("response code text holds no ], CR, LF or NUL");
                }
            });
        }
    }
}
