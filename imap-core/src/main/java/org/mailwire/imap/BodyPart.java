package org.mailwire.imap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A part of a BODY or BODYSTRUCTURE (RFC 3501 §7.4.2, §9 {@code body}).
 *
 * <p>NIL convention, the same as {@link FetchItem.Envelope}: a string the server sent as NIL is
 * {@code null}; a parameter list sent as NIL is an empty map and a language sent as NIL an empty
 * list (the grammar has no empty parameter or language list, so nothing is lost). Strings are
 * kept as the server sent them (no case folding, no MIME decoding). Parameters keep the server's
 * order; of a parameter name sent twice the decoder keeps the last value.
 *
 * <p>Extension data: {@code extensionFields} counts the standard extension fields the server
 * sent, in grammar order (single part: md5, disposition, language, location; multipart: params,
 * disposition, language, location); 0 for none, as in BODY. Fields not sent are null or empty.
 * Values after the location are kept in {@code further}, which is only non-empty when all four
 * were sent.
 */
public sealed interface BodyPart permits BodyPart.SinglePart, BodyPart.MultiPart {

    /** {@code body-fld-dsp}: a disposition type and its parameters. */
    record Disposition(String type, Map<String, String> params) {
        public Disposition {
            Objects.requireNonNull(type, "type");
            params = copyParams(params);
        }
    }

    /** A {@code body-extension} value after the location: a nstring, a number or a list of them. */
    sealed interface ExtensionValue permits Str, Num, ListOf {
    }

    /** A string; {@code null} for NIL. */
    record Str(String value) implements ExtensionValue {
    }

    record Num(long value) implements ExtensionValue {
        public Num {
            Numbers.modSeq(value);
        }
    }

    record ListOf(List<ExtensionValue> values) implements ExtensionValue {
        public ListOf {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an extension list has at least one value");
            }
        }
    }

    int extensionFields();

    Disposition disposition();

    List<String> language();

    String location();

    List<ExtensionValue> further();

    /**
     * A non-multipart part. {@code lines} (RFC 9051 {@code number64}) is present exactly for
     * {@code text/*}, {@code message/rfc822} and {@code message/global}; {@code envelope} and
     * {@code body} exactly for {@code message/rfc822} and {@code message/global} (RFC 6532 §3.4,
     * RFC 9051 {@code media-message}).
     */
    record SinglePart(String type, String subtype, Map<String, String> params, String id, String description,
            String encoding, long size, OptionalLong lines, Optional<FetchItem.Envelope> envelope,
            Optional<BodyPart> body, int extensionFields, String md5, Disposition disposition, List<String> language,
            String location, List<ExtensionValue> further) implements BodyPart {
        public SinglePart {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subtype, "subtype");
            params = copyParams(params);
            Objects.requireNonNull(encoding, "encoding");
            Numbers.n32(size);
            Objects.requireNonNull(lines, "lines");
            lines.ifPresent(Numbers::modSeq);
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(body, "body");
            boolean message = isMessage(type, subtype);
            if (lines.isPresent() != (message || type.equalsIgnoreCase("TEXT"))) {
                throw new IllegalArgumentException("lines are given for text/* and message/rfc822|global only");
            }
            if (envelope.isPresent() != message || body.isPresent() != message) {
                throw new IllegalArgumentException("envelope and body are given for message/rfc822|global only");
            }
            language = language == null ? List.of() : List.copyOf(language);
            further = further == null ? List.of() : List.copyOf(further);
            extension(extensionFields, md5 != null, disposition, language, location, further);
        }

        /**
         * True when this is a {@code message/rfc822} or {@code message/global} part (compared
         * case-insensitively): the two types whose BODYSTRUCTURE carries an envelope, a body and
         * a line count.
         */
        public static boolean isMessage(String type, String subtype) {
            String sub = subtype.toUpperCase(Locale.ROOT);
            return type.toUpperCase(Locale.ROOT).equals("MESSAGE") && (sub.equals("RFC822") || sub.equals("GLOBAL"));
        }
    }

    /** A multipart: its parts (at least one) and subtype, then extension data. */
    record MultiPart(List<BodyPart> parts, String subtype, int extensionFields, Map<String, String> params,
            Disposition disposition, List<String> language, String location, List<ExtensionValue> further)
            implements BodyPart {
        public MultiPart {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a multipart has at least one part");
            }
            Objects.requireNonNull(subtype, "subtype");
            params = copyParams(params);
            language = language == null ? List.of() : List.copyOf(language);
            further = further == null ? List.of() : List.copyOf(further);
            extension(extensionFields, !params.isEmpty(), disposition, language, location, further);
        }
    }

    private static Map<String, String> copyParams(Map<String, String> params) {
        if (params == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "param name"), Objects.requireNonNull(v,
                "param value")));
        return Collections.unmodifiableMap(copy);
    }

    private static void extension(int fields, boolean first, Disposition disposition, List<String> language,
            String location, List<ExtensionValue> further) {
        if (fields < 0 || fields > 4) {
            throw new IllegalArgumentException("0 to 4 extension fields");
        }
        boolean[] given = {first, disposition != null, !language.isEmpty(), location != null};
        for (int i = fields; i < given.length; i++) {
            if (given[i]) {
                throw new IllegalArgumentException("extension data beyond the fields sent");
            }
        }
        if (!further.isEmpty() && fields < 4) {
            throw new IllegalArgumentException("further extension values follow the location only");
        }
        language.forEach(l -> Objects.requireNonNull(l, "language"));
    }
}
