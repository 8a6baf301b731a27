package org.mailwire.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random but plausible ENVELOPEs (RFC 3501 §7.4.2) of a mailbox of mixed mail: subjects in plain
 * ASCII (70 %), as RFC 2047 encoded words (20 %), as raw UTF-8 (7 %, sent as literals, as servers
 * do for 8-bit headers) or NIL; display names quoted, encoded, 8-bit or absent, one in twenty
 * sent as a literal even when ASCII; one to five recipients and up to three in copy; sender and
 * reply-to defaulted to the author as servers fill them in; now and then an empty group, a NIL
 * date or message id.
 */
final class ImapEnvelopes {

    /** What a header block of the same message repeats of its envelope. */
    record Envelope(String date, String subject, Person from, List<Person> to, List<Person> cc, String inReplyTo,
            String messageId) {
    }

    /** A mailbox with an optional display name; {@code name} is as sent in the envelope. */
    record Person(String name, String mailbox, String host) {
        String headerForm() {
            String address = "<" + mailbox + "@" + host + ">";
            return name == null ? address : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" " + address;
        }
    }

    private static final String[] SUBJECT_WORDS = {"quarterly", "report", "meeting", "notes", "invoice", "draft",
        "review", "budget", "release", "schedule", "follow-up", "question", "contract", "update", "team", "lunch",
        "deployment", "incident", "roadmap", "offsite", "travel", "expenses", "minutes", "agenda", "proposal"};
    private static final String[] PREFIXES = {"", "", "", "Re: ", "Re: ", "Fwd: ", "RE: ", "AW: ", "[list] "};
    /** Non-ASCII subjects, sent either raw (8-bit, a literal) or as encoded words. */
    private static final String[] INTERNATIONAL = {"Grüße aus München", "Réunion de l'équipe, ordre du jour",
        "Отчёт за третий квартал", "会議の議事録について", "Ενημέρωση έργου", "¿Vienes mañana a la reunión?",
        "Zażółć gęślą jaźń: testy", "Årsrapport för 2025", "Çalışma planı güncellendi", "Δοκιμή — 測試 — テスト"};
    private static final String[] GIVEN = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi",
        "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter"};
    private static final String[] FAMILY = {"Example", "Smith", "O'Neil", "Nakamura", "García", "Müller",
        "Dubois", "Kowalski", "Иванова", "Johansson", "Øster", "Rossi", "Yılmaz", "van der Berg"};
    private static final String[] HOSTS = {"example.com", "example.org", "example.net", "mail.example.co.uk",
        "lists.example.org", "corp.example.de", "example.fr", "student.example.edu"};
    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final ZoneOffset[] ZONES = {ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(2),
        ZoneOffset.ofHours(-5), ZoneOffset.ofHours(9), ZoneOffset.ofHoursMinutes(5, 30)};
    /** 2024-01-01T00:00Z, and the two years of mail after it. */
    private static final long FIRST_DATE = 1_704_067_200L;
    private static final int DATE_SPAN = 2 * 365 * 24 * 3600;

    private final Random random;

    ImapEnvelopes(Random random) {
        this.random = random;
    }

    /** Writes one {@code envelope} and returns what it holds. */
    Envelope write(ImapWire w) {
        String date = random.nextInt(50) == 0 ? null : date();
        String subject = subject();
        Person from = person();
        List<Person> to = people(1 + random.nextInt(5));
        List<Person> cc = random.nextInt(5) < 3 ? List.of() : people(1 + random.nextInt(3));
        String inReplyTo = random.nextInt(20) < 11 ? null : messageId();
        String messageId = random.nextInt(100) == 0 ? null : messageId();

        w.text("(").nstring(date).text(" ");
        // 8-bit subjects go as literals through string(); a few servers send every subject as one.
        if (subject != null && random.nextInt(20) == 0) {
            w.literal(subject);
        } else {
            w.nstring(subject);
        }
        w.text(" ");
        addresses(w, List.of(from));
        w.text(" ");
        addresses(w, random.nextInt(20) == 0 ? List.of(person()) : List.of(from)); // sender
        w.text(" ");
        addresses(w, random.nextInt(7) == 0 ? List.of(person()) : List.of(from)); // reply-to
        w.text(" ");
        if (random.nextInt(50) == 0) {
            // "To: undisclosed-recipients:;": a group start and end with nothing between
            w.text("((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))");
        } else {
            addresses(w, to);
        }
        w.text(" ");
        addresses(w, cc);
        w.text(" ");
        addresses(w, random.nextInt(20) == 0 ? List.of(person()) : List.of()); // bcc, on sent mail only
        w.text(" ").nstring(inReplyTo).text(" ").nstring(messageId).text(")");
        return new Envelope(date, subject, from, to, cc, inReplyTo, messageId);
    }

    private void addresses(ImapWire w, List<Person> people) {
        if (people.isEmpty()) {
            w.text("NIL");
            return;
        }
        w.text("(");
        for (Person p : people) {
            w.text("(");
            if (p.name() != null && random.nextInt(20) == 0) {
                w.literal(p.name()); // some servers send names as literals even when ASCII
            } else {
                w.nstring(p.name());
            }
            w.text(" NIL ").string(p.mailbox()).text(" ").string(p.host()).text(")");
        }
        w.text(")");
    }

    private List<Person> people(int n) {
        List<Person> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(person());
        }
        return out;
    }

    private Person person() {
        String given = pick(GIVEN);
        String family = pick(FAMILY);
        String f = ascii(family);
        String mailbox = (given + (f.isEmpty() ? Integer.toString(random.nextInt(100)) : "." + f)).toLowerCase(Locale.ROOT);
        String host = pick(HOSTS);
        int style = random.nextInt(20);
        String name;
        if (style < 4) {
            name = null;
        } else if (style < 6) {
            name = encodedWord(given + " " + family);
        } else if (style == 6) {
            name = family + ", " + given + " \"" + given.charAt(0) + "\""; // quotes to escape
        } else {
            name = given + " " + family;
            // Most mail agents encode a non-ASCII name (RFC 2047); some send it raw (RFC 6532),
            // and the server then sends it as a literal.
            if (!name.chars().allMatch(c -> c < 0x80) && random.nextInt(10) < 7) {
                name = encodedWord(name);
            }
        }
        return new Person(name, mailbox, host);
    }

    private String subject() {
        int style = random.nextInt(100);
        if (style < 3) {
            return null;
        }
        String prefix = pick(PREFIXES);
        if (style < 10) {
            return prefix + pick(INTERNATIONAL) + " " + (1 + random.nextInt(99)); // 8-bit: a literal
        }
        if (style < 30) {
            return prefix + encodedWord(pick(INTERNATIONAL));
        }
        StringBuilder s = new StringBuilder(prefix);
        int words = 3 + random.nextInt(7);
        for (int i = 0; i < words; i++) {
            String word = pick(SUBJECT_WORDS);
            s.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(' ');
        }
        if (style < 36) {
            s.append("\"v").append(random.nextInt(10)).append("\" C:\\shared\\q3 "); // quotes and backslashes
        }
        s.append(random.nextInt(1000));
        return s.toString();
    }

    /** An RFC 2047 encoded word, B or Q, in UTF-8. */
    private String encodedWord(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextBoolean()) {
            return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(utf8) + "?=";
        }
        StringBuilder q = new StringBuilder("=?utf-8?Q?");
        for (byte b : utf8) {
            int c = b & 0xff;
            if (c == ' ') {
                q.append('_');
            } else if (c < 0x80 && Character.isLetterOrDigit(c)) {
                q.append((char) c);
            } else {
                q.append('=').append(String.format("%02X", c));
            }
        }
        return q.append("?=").toString();
    }

    String date() {
        Instant when = Instant.ofEpochSecond(FIRST_DATE + random.nextInt(DATE_SPAN));
        return RFC5322.format(ZonedDateTime.ofInstant(when, pick(ZONES)));
    }

    String messageId() {
        return "<" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "." + random.nextInt(100_000) + "@"
                + pick(HOSTS) + ">";
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** The mailbox part of an address: ASCII letters only, as most are. */
    private static String ascii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
