package org.mailwire.smtp;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a server advertised in its EHLO or LHLO reply (RFC 5321 §4.1.1.1): the first line starts
 * with its domain, each further line is {@code ehlo-keyword *(SP ehlo-param)}.
 *
 * @param greetingDomain the first word of the first line
 * @param extensions     upper-cased keyword to its parameters, in the order advertised
 */
public record SmtpCapabilities(String greetingDomain, Map<String, List<String>> extensions) {

    public SmtpCapabilities {
        Objects.requireNonNull(greetingDomain, "greetingDomain");
        extensions = Map.copyOf(extensions);
    }

    /**
     * Reads an EHLO/LHLO reply. Lines whose keyword is not RFC 5321 ehlo-keyword syntax are
     * ignored; a repeated keyword keeps its first parameters, except AUTH, whose mechanisms are
     * merged with those of the old-style {@code AUTH=} line some servers add.
     */
    public static SmtpCapabilities parse(SmtpReply ehloReply) {
        List<String> lines = ehloReply.lines();
        String first = lines.get(0).strip();
        int space = first.indexOf(' ');
        String domain = space < 0 ? first : first.substring(0, space);
        Map<String, List<String>> extensions = new LinkedHashMap<>();
        Set<String> auth = new LinkedHashSet<>();
        boolean authSeen = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] words = line.strip().split(" +");
            String keyword = words[0].toUpperCase(Locale.ROOT);
            List<String> params = List.of(words).subList(1, words.length);
            if (keyword.startsWith("AUTH=")) {
                // Pre-RFC 4954 servers advertise "AUTH=LOGIN PLAIN" for old clients.
                auth.add(keyword.substring(5));
                params.forEach(p -> auth.add(p.toUpperCase(Locale.ROOT)));
                authSeen = true;
                continue;
            }
            if (!SmtpSyntax.isEsmtpKeyword(keyword)) {
                continue;
            }
            if (keyword.equals("AUTH")) {
                params.forEach(p -> auth.add(p.toUpperCase(Locale.ROOT)));
                authSeen = true;
                continue;
            }
            extensions.putIfAbsent(keyword, params);
        }
        if (authSeen) {
            auth.remove("");
            extensions.put("AUTH", List.copyOf(auth));
        }
        return new SmtpCapabilities(domain, extensions);
    }

    /** Whether {@code keyword} was advertised, ignoring case. */
    public boolean has(String keyword) {
        return extensions.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** The parameters advertised with {@code keyword}, empty if none or not advertised. */
    public List<String> parameters(String keyword) {
        return extensions.getOrDefault(keyword.toUpperCase(Locale.ROOT), List.of());
    }

    /**
     * Present when SIZE was advertised (RFC 1870 §4): its value, or 0 (no fixed maximum, per RFC
     * 1870) when it came without one or with one that is not a number.
     */
    public OptionalLong size() {
        if (!has("SIZE")) {
            return OptionalLong.empty();
        }
        List<String> params = parameters("SIZE");
        if (params.isEmpty()) {
            return OptionalLong.of(0);
        }
        String value = params.get(0);
        if (value.isEmpty() || value.length() > MailParameters.MAX_SIZE_DIGITS || !value.chars().allMatch(Character::isDigit)
                || !SmtpSyntax.isAscii(value)) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.of(0);
        }
    }

    /** RFC 4954 SASL mechanisms, upper-cased. */
    public Set<String> authMechanisms() {
        return Set.copyOf(parameters("AUTH"));
    }

    public boolean pipelining() {
        return has("PIPELINING");
    }

    public boolean chunking() {
        return has("CHUNKING");
    }

    public boolean binaryMime() {
        return has("BINARYMIME");
    }

    public boolean eightBitMime() {
        return has("8BITMIME");
    }

    public boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    public boolean startTls() {
        return has("STARTTLS");
    }

    public boolean enhancedStatusCodes() {
        return has("ENHANCEDSTATUSCODES");
    }

    public boolean dsn() {
        return has("DSN");
    }

    public boolean requireTls() {
        return has("REQUIRETLS");
    }
}
