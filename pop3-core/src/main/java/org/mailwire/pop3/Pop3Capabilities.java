package org.mailwire.pop3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a server advertised in its CAPA response (RFC 2449 §5): each tag, upper-cased, with its
 * parameters, in the order sent.
 *
 * <p>Tags are RFC 2449 {@code capa-tag}s (no "." so that no line is the listing's end);
 * parameters are non-empty and hold no space or control character. Known tags: TOP, USER, SASL,
 * RESP-CODES, LOGIN-DELAY, PIPELINING, EXPIRE, UIDL, IMPLEMENTATION (RFC 2449 §6), STLS
 * (RFC 2595 §4), AUTH-RESP-CODE (RFC 3206 §6), UTF8 and LANG (RFC 6856).
 *
 * @param capabilities tag to parameters; copied, unmodifiable, order kept
 */
public record Pop3Capabilities(Map<String, List<String>> capabilities) {

    public Pop3Capabilities {
        Objects.requireNonNull(capabilities, "capabilities");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : capabilities.entrySet()) {
            String tag = e.getKey();
            if (!Pop3Syntax.isCapabilityTag(tag)) {
                throw new IllegalArgumentException("not a CAPA tag");
            }
            List<String> parameters = List.copyOf(e.getValue());
            for (String p : parameters) {
                if (!Pop3Syntax.isArgument(p)) {
                    throw new IllegalArgumentException("a CAPA parameter is empty or holds a space or control");
                }
            }
            if (copy.put(Pop3Syntax.upperAscii(tag), parameters) != null) {
                throw new IllegalArgumentException("a CAPA tag appears twice");
            }
        }
        capabilities = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads the lines of a CAPA listing (without CRLF, dot-unstuffed). Tags and parameters are
     * separated by one or more spaces. A line that is not a capability (empty, or a tag with a
     * control character) is skipped, and so is a tag already seen: RFC 2449 §5 tells clients to
     * ignore what they do not understand.
     */
    public static Pop3Capabilities parse(List<String> capaLines) {
        Objects.requireNonNull(capaLines, "capaLines");
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String line : capaLines) {
            List<String> words = new ArrayList<>();
            for (String w : line.split(" ")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            if (words.isEmpty() || !Pop3Syntax.isCapabilityTag(words.get(0))) {
                continue;
            }
            List<String> parameters = words.subList(1, words.size());
            if (!parameters.stream().allMatch(Pop3Syntax::isArgument)) {
                continue;
            }
            map.putIfAbsent(Pop3Syntax.upperAscii(words.get(0)), List.copyOf(parameters));
        }
        return new Pop3Capabilities(map);
    }

    /** Whether {@code tag} was advertised (ASCII case ignored). */
    public boolean has(String tag) {
        return capabilities.containsKey(Pop3Syntax.upperAscii(Objects.requireNonNull(tag, "tag")));
    }

    /** The parameters of {@code tag}, empty when it has none or was not advertised. */
    public List<String> parameters(String tag) {
        return capabilities.getOrDefault(Pop3Syntax.upperAscii(Objects.requireNonNull(tag, "tag")), List.of());
    }

    /** The SASL mechanisms (RFC 2449 §6.3), upper-cased; empty when SASL is not advertised. */
    public List<String> saslMechanisms() {
        List<String> out = new ArrayList<>();
        for (String m : parameters("SASL")) {
            out.add(Pop3Syntax.upperAscii(m));
        }
        return List.copyOf(out);
    }

    /** RFC 2449 §6.6: the client may send commands without waiting for each response. */
    public boolean pipelining() {
        return has("PIPELINING");
    }

    /** RFC 2595 §4. */
    public boolean stls() {
        return has("STLS");
    }

    /** RFC 2449 §6.1. */
    public boolean top() {
        return has("TOP");
    }

    /** RFC 2449 §6.8. */
    public boolean uidl() {
        return has("UIDL");
    }

    /** RFC 2449 §6.2: USER/PASS is allowed. */
    public boolean user() {
        return has("USER");
    }

    /** RFC 2449 §6.4: any text starting with "[" is a response code. */
    public boolean respCodes() {
        return has("RESP-CODES");
    }

    /** RFC 3206 §6: the AUTH response code is used. */
    public boolean authRespCode() {
        return has("AUTH-RESP-CODE");
    }

    /** RFC 6856 §2. */
    public boolean utf8() {
        return has("UTF8");
    }

    /** RFC 2449 §6.9: the server's own description, its parameters joined by spaces. */
    public Optional<String> implementation() {
        List<String> p = parameters("IMPLEMENTATION");
        return has("IMPLEMENTATION") ? Optional.of(String.join(" ", p)) : Optional.empty();
    }

    /** RFC 2449 §6.5: the minimum seconds between logins, when advertised with a number. */
    public OptionalInt loginDelay() {
        List<String> p = parameters("LOGIN-DELAY");
        long seconds = p.isEmpty() ? -1 : Pop3Syntax.number(p.get(0), Integer.MAX_VALUE);
        return seconds < 0 ? OptionalInt.empty() : OptionalInt.of((int) seconds);
    }

    /** RFC 2449 §6.7: the retention policy as advertised, days or "NEVER". */
    public Optional<String> expire() {
        List<String> p = parameters("EXPIRE");
        return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0));
    }

    /** The listing lines a server sends for these capabilities, without CRLF. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(capabilities.size());
        capabilities.forEach((tag, parameters) -> {
            StringBuilder line = new StringBuilder(tag);
            parameters.forEach(p -> line.append(' ').append(p));
            out.add(line.toString());
        });
        return List.copyOf(out);
    }
}
