package org.mailwire.benchmarks;

import java.util.Locale;
import java.util.Random;

/**
 * Random but plausible BODYSTRUCTUREs (RFC 3501 §9 {@code body}, with extension data) in the mix
 * a mailbox holds: single text/plain or text/html parts, multipart/alternative, multipart/mixed
 * with attachments (filenames plain, 8-bit or RFC 2231 encoded), multipart/related with inline
 * images, and forwarded message/rfc822 parts with their own envelope and body. Names and values
 * are upper case (as Cyrus sends them) or lower case (as Dovecot does), per message.
 */
final class ImapBodyStructures {

    /** What was written: the number of body parts (multiparts and nested messages included). */
    record Written(int parts, String contentType) {
    }

    private static final String[][] ATTACHMENTS = {
        {"application", "pdf", "report.pdf"}, {"image", "jpeg", "IMG_20250304_101501.jpg"},
        {"image", "png", "screenshot.png"}, {"application", "zip", "logs.zip"},
        {"application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Übersicht Q3.xlsx"},
        {"application", "vnd.openxmlformats-officedocument.wordprocessingml.document", "Contrat signé.docx"},
        {"text", "calendar", "invite.ics"}, {"application", "octet-stream", "data.bin"}};
    private static final String[] LANGUAGES = {"en", "de", "fr", "en-US", "ja"};

    private final Random random;
    private final ImapEnvelopes envelopes;
    private boolean upper;
    private int parts;

    ImapBodyStructures(Random random, ImapEnvelopes envelopes) {
        this.random = random;
        this.envelopes = envelopes;
    }

    /** Writes one extended {@code body} and says what it holds. */
    Written write(ImapWire w) {
        upper = random.nextBoolean();
        parts = 0;
        int shape = random.nextInt(100);
        String contentType;
        if (shape < 30) {
            text(w, "plain");
            contentType = "text/plain; charset=utf-8; format=flowed";
        } else if (shape < 40) {
            text(w, "html");
            contentType = "text/html; charset=utf-8";
        } else if (shape < 65) {
            contentType = alternative(w);
        } else if (shape < 85) {
            contentType = multipart(w, "mixed", () -> {
                alternative(w);
                attachments(w, 1 + random.nextInt(3));
            });
        } else if (shape < 93) {
            contentType = multipart(w, "mixed", () -> {
                text(w, "plain");
                attachments(w, 1 + random.nextInt(2));
            });
        } else if (shape < 97) {
            contentType = multipart(w, "alternative", () -> {
                text(w, "plain");
                multipart(w, "related", () -> {
                    text(w, "html");
                    for (int i = 1 + random.nextInt(3); i > 0; i--) {
                        inlineImage(w);
                    }
                });
            });
        } else {
            contentType = multipart(w, "mixed", () -> {
                text(w, "plain");
                forwarded(w);
            });
        }
        return new Written(parts, contentType);
    }

    private String alternative(ImapWire w) {
        return multipart(w, "alternative", () -> {
            text(w, "plain");
            text(w, "html");
        });
    }

    /** {@code (parts) "subtype" ("boundary" b) dsp lang loc}. */
    private String multipart(ImapWire w, String subtype, Runnable children) {
        parts++;
        String boundary = "----=_Part_" + random.nextInt(1_000_000) + "_" + random.nextInt(1_000_000) + "."
                + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        w.text("(");
        children.run();
        w.text(" ").string(name(subtype)).text(" (").string(name("boundary")).text(" ").string(boundary)
                .text(") NIL ");
        language(w);
        w.text(" NIL)");
        return "multipart/" + subtype + "; boundary=\"" + boundary + "\"";
    }

    /** text/plain or text/html: charset, transfer encoding, size and lines, then md5 dsp lang loc. */
    private void text(ImapWire w, String subtype) {
        parts++;
        int size = 200 + random.nextInt(subtype.equals("html") ? 60_000 : 12_000);
        w.text("(").string(name("text")).text(" ").string(name(subtype)).text(" (").string(name("charset"))
                .text(" ").string(random.nextInt(5) == 0 ? "iso-8859-1" : name("utf-8"));
        if (subtype.equals("plain") && random.nextBoolean()) {
            w.text(" ").string(name("format")).text(" ").string("flowed");
        }
        w.text(") NIL NIL ").string(name(random.nextInt(3) == 0 ? "7bit" : "quoted-printable")).text(" ")
                .number(size).text(" ").number(size / 62 + 1).text(" NIL ");
        if (random.nextInt(4) == 0) {
            w.text("(").string(name("inline")).text(" NIL)");
        } else {
            w.text("NIL");
        }
        w.text(" ");
        language(w);
        w.text(" NIL)");
    }

    private void attachments(ImapWire w, int n) {
        for (int i = 0; i < n; i++) {
            attachment(w);
        }
    }

    /** A base64 attachment with a disposition and a filename in one of three spellings. */
    private void attachment(ImapWire w) {
        parts++;
        String[] a = ATTACHMENTS[random.nextInt(ATTACHMENTS.length)];
        boolean text = a[0].equals("text");
        int size = 2_000 + random.nextInt(2_000_000);
        w.text("(").string(name(a[0])).text(" ").string(name(a[1])).text(" (").string(name("name")).text(" ")
                .string(a[2]).text(") NIL NIL ").string(name("base64")).text(" ").number(size);
        if (text) {
            w.text(" ").number(size / 76 + 1);
        }
        w.text(" NIL (").string(name("attachment")).text(" (");
        if (random.nextInt(4) == 0) {
            // RFC 2231: how modern clients send a non-ASCII filename
            w.string(name("filename*")).text(" ").string("utf-8''" + percentEncoded(a[2]));
        } else {
            w.string(name("filename")).text(" ").string(a[2]);
            if (random.nextBoolean()) {
                w.text(" ").string(name("size")).text(" ").string(Integer.toString(size * 3 / 4));
            }
        }
        w.text(")) ");
        language(w);
        w.text(" NIL)");
    }

    /** An inline image of multipart/related: a Content-ID, and sometimes a Content-Location. */
    private void inlineImage(ImapWire w) {
        parts++;
        String file = "image" + (1 + random.nextInt(9)) + ".png";
        w.text("(").string(name("image")).text(" ").string(name("png")).text(" (").string(name("name")).text(" ")
                .string(file).text(") ").string("<" + file + "@01DB8E4F.2C1A3B50>").text(" NIL ")
                .string(name("base64")).text(" ").number(1_000 + random.nextInt(90_000)).text(" NIL (")
                .string(name("inline")).text(" (").string(name("filename")).text(" ").string(file).text(")) NIL ");
        if (random.nextBoolean()) {
            w.string("https://cdn.example.com/newsletter/" + file);
        } else {
            w.text("NIL");
        }
        w.text(")");
    }

    /** message/rfc822: body fields, the inner envelope, the inner body, lines, then extension data. */
    private void forwarded(ImapWire w) {
        parts++;
        int size = 3_000 + random.nextInt(80_000);
        w.text("(").string(name("message")).text(" ").string(name("rfc822")).text(" (").string(name("name"))
                .text(" ").string("Forwarded message.eml").text(") NIL NIL ").string(name("7bit")).text(" ")
                .number(size).text(" ");
        envelopes.write(w);
        w.text(" ");
        if (random.nextBoolean()) {
            text(w, "plain");
        } else {
            alternative(w);
        }
        w.text(" ").number(size / 70 + 1).text(" NIL (").string(name("attachment")).text(" NIL) NIL NIL)");
    }

    /** body-fld-lang: mostly NIL, else one tag or a list. */
    private void language(ImapWire w) {
        int pick = random.nextInt(10);
        if (pick < 7) {
            w.text("NIL");
        } else if (pick < 9) {
            w.string(LANGUAGES[random.nextInt(LANGUAGES.length)]);
        } else {
            w.text("(").string(LANGUAGES[random.nextInt(LANGUAGES.length)]).text(" ")
                    .string(LANGUAGES[random.nextInt(LANGUAGES.length)]).text(")");
        }
    }

    private String name(String lower) {
        return upper ? lower.toUpperCase(Locale.ROOT) : lower;
    }

    private static String percentEncoded(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
