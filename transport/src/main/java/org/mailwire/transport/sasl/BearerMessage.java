package org.mailwire.transport.sasl;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The client messages of XOAUTH2 and OAUTHBEARER, parsed strictly; {@code user} is {@code ""}
 * when an OAUTHBEARER client named nobody.
 */
record BearerMessage(String user, String token) {

    static final char KVSEP = '\u0001';
    private static final String BEARER = "Bearer";

    /** Why a message did not parse: the grammar, or channel binding we do not offer. */
    enum Refusal { MALFORMED, CHANNEL_BINDING }

    /** Either a message or the reason there is none. */
    record Parsed(Optional<BearerMessage> message, Refusal refusal) {
        static Parsed of(BearerMessage message) {
            return new Parsed(Optional.of(message), null);
        }

        static Parsed refused(Refusal refusal) {
            return new Parsed(Optional.empty(), refusal);
        }
    }

    /**
     * Google's XOAUTH2: {@code "user=" user ^A "auth=Bearer " token ^A ^A}, the two fields in
     * that order and nothing else.
     */
    static Parsed parseXoauth2(byte[] bytes) {
        Optional<String> text = SaslText.utf8(bytes);
        if (text.isEmpty() || !text.get().endsWith("" + KVSEP + KVSEP)) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        String body = text.get().substring(0, text.get().length() - 2);
        int separator = body.indexOf(KVSEP);
        if (separator < 0 || body.indexOf(KVSEP, separator + 1) >= 0) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        Optional<String> user = field(body.substring(0, separator), "user");
        Optional<String> token = field(body.substring(separator + 1), "auth").flatMap(BearerMessage::bearerToken);
        if (user.isEmpty() || user.get().isEmpty() || SaslText.hasControl(user.get()) || token.isEmpty()) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        return Parsed.of(new BearerMessage(user.get(), token.get()));
    }

    /**
     * RFC 7628 §3.1: {@code gs2-header kvsep *kvpair kvsep}, where a kvpair is
     * {@code key "=" value kvsep}, keys are letters and appear once, {@code auth} is required,
     * and {@code host}, {@code port} and keys from later extensions are ignored.
     */
    static Parsed parseOauthBearer(byte[] bytes) {
        Optional<String> decoded = SaslText.utf8(bytes);
        if (decoded.isEmpty()) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        String text = decoded.get();
        int firstComma = text.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : text.indexOf(',', firstComma + 1);
        if (secondComma < 0) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        String flag = text.substring(0, firstComma);
        if (flag.startsWith("p=")) {
            return Parsed.refused(Refusal.CHANNEL_BINDING);
        }
        if (!flag.equals("n") && !flag.equals("y")) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        String authzidField = text.substring(firstComma + 1, secondComma);
        String user = "";
        if (!authzidField.isEmpty()) {
            Optional<String> a = ScramMessages.value(authzidField, 'a').flatMap(ScramMessages::unescape);
            if (a.isEmpty() || SaslText.hasControl(a.get())) {
                return Parsed.refused(Refusal.MALFORMED);
            }
            user = a.get();
        }
        // After the header: kvsep, then pairs each ending in kvsep, then the closing kvsep.
        String rest = text.substring(secondComma + 1);
        if (rest.length() < 3 || rest.charAt(0) != KVSEP || !rest.endsWith("" + KVSEP + KVSEP)) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        String pairs = rest.substring(1, rest.length() - 2);
        Set<String> keys = new HashSet<>();
        String token = null;
        for (String pair : pairs.split("" + KVSEP, -1)) {
            int equals = pair.indexOf('=');
            if (equals < 1 || !isKey(pair.substring(0, equals)) || !isValue(pair.substring(equals + 1))
                    || !keys.add(pair.substring(0, equals))) {
                return Parsed.refused(Refusal.MALFORMED);
            }
            if (pair.substring(0, equals).equals("auth")) {
                Optional<String> t = bearerToken(pair.substring(equals + 1));
                if (t.isEmpty()) {
                    return Parsed.refused(Refusal.MALFORMED);
                }
                token = t.get();
            }
        }
        if (token == null) {
            return Parsed.refused(Refusal.MALFORMED);
        }
        return Parsed.of(new BearerMessage(user, token));
    }

    private static Optional<String> field(String field, String key) {
        return field.startsWith(key + "=") ? Optional.of(field.substring(key.length() + 1)) : Optional.empty();
    }

    /**
     * RFC 6750 §2.1 credentials: {@code "Bearer" 1*SP b64token}; the scheme name is
     * case-insensitive (RFC 7235 §2.1).
     */
    private static Optional<String> bearerToken(String credentials) {
        if (!SaslText.startsWithIgnoreAsciiCase(credentials, BEARER)) {
            return Optional.empty();
        }
        int i = BEARER.length();
        if (i >= credentials.length() || credentials.charAt(i) != ' ') {
            return Optional.empty();
        }
        while (i < credentials.length() && credentials.charAt(i) == ' ') {
            i++;
        }
        String token = credentials.substring(i);
        return SaslText.isB64Token(token) ? Optional.of(token) : Optional.empty();
    }

    /** RFC 7628 §3.1 key: 1*(ALPHA). */
    private static boolean isKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return !key.isEmpty();
    }

    /** RFC 7628 §3.1 value: *(VCHAR / SP / HTAB / CR / LF). */
    private static boolean isValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 0x21 && c <= 0x7E) || c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "BearerMessage[user=" + user + "]";
    }
}
