package org.mailwire.pop3.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;
import org.mailwire.transport.line.DotStuffer;

/** jqwik generators of model values and wire pieces, small enough to stay within every default limit. */
final class Generators {

    private Generators() {
    }

    static Arbitrary<String> name() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789@.-_+!~")
                .ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> unicode = Arbitraries.of("j\u00f6rg", "\u7528\u6237", "\u03b4\u03bf\u03ba\u03b9\u03bc\u03ae",
                "pel\u00e9@example.com", "\ud83d\udce7mail");
        return Arbitraries.frequencyOf(Tuple.of(8, ascii), Tuple.of(2, unicode));
    }

    static Arbitrary<String> password() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e4\u00df\u20ac").ofMinLength(1).ofMaxLength(40);
    }

    static Arbitrary<String> digest() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
    }

    static Arbitrary<String> mechanism() {
        return Arbitraries.of("PLAIN", "LOGIN", "SCRAM-SHA-256", "scram-sha-1", "XOAUTH2", "OAUTHBEARER", "EXTERNAL",
                "GSSAPI", "CRAM-MD5", "X_Y-9");
    }

    static Arbitrary<String> base64() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(60).map(b -> Base64.getEncoder().encodeToString(b));
    }

    static Arbitrary<Integer> message() {
        return Arbitraries.integers().between(1, Integer.MAX_VALUE); // min and max are among jqwik's edge cases
    }

    static Arbitrary<Pop3Command> command() {
        Arbitrary<Pop3Command> auth = Combinators.combine(mechanism().optional(),
                        Arbitraries.frequencyOf(Tuple.of(3, base64().filter(s -> !s.isEmpty())),
                                Tuple.of(1, Arbitraries.just("="))).optional())
                .as((m, r) -> new Pop3Command.Auth(m, m.isPresent() ? r : Optional.empty()));
        return Arbitraries.oneOf(
                name().map(Pop3Command.User::new),
                password().map(Pop3Command.Pass::new),
                Combinators.combine(name(), digest()).as(Pop3Command.Apop::new),
                auth,
                Arbitraries.just(new Pop3Command.Stls()),
                Arbitraries.just(new Pop3Command.Capa()),
                Arbitraries.just(new Pop3Command.Stat()),
                message().optional().map(m -> m.map(Pop3Command.List::new).orElseGet(Pop3Command.List::new)),
                message().map(Pop3Command.Retr::new),
                message().map(Pop3Command.Dele::new),
                Arbitraries.just(new Pop3Command.Noop()),
                Arbitraries.just(new Pop3Command.Rset()),
                Combinators.combine(message(), Arbitraries.integers().between(0, Integer.MAX_VALUE)).as(Pop3Command.Top::new),
                message().optional().map(m -> m.map(Pop3Command.Uidl::new).orElseGet(Pop3Command.Uidl::new)),
                Arbitraries.just(new Pop3Command.Quit()),
                Arbitraries.just(new Pop3Command.Utf8()),
                Arbitraries.of("*", "en", "de-CH", "zh-Hant-TW", "i-klingon").optional().map(Pop3Command.Lang::new));
    }

    static Arbitrary<ResponseCode> responseCode() {
        Arbitrary<String> level = Arbitraries.strings().withCharRange('A', 'Z').withChars("-[0!~").ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<ResponseCode> random = level.list().ofMinSize(1).ofMaxSize(3)
                .map(l -> new ResponseCode(String.join("/", l)));
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(ResponseCode.IN_USE, ResponseCode.LOGIN_DELAY,
                ResponseCode.SYS_TEMP, ResponseCode.SYS_PERM, ResponseCode.AUTH, ResponseCode.UTF8)), Tuple.of(2, random));
    }

    /**
     * Status lines that decode to themselves: text without controls but HTAB (the decoder replaces
     * them) and not starting with "[" (which would read back as a code, see StatusLine).
     */
    static Arbitrary<StatusLine> statusLine() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("\t\u00e9\u20ac\u7528")
                .ofMaxLength(80).filter(t -> !t.startsWith("["));
        return Combinators.combine(Arbitraries.of(true, false), responseCode().optional(), text).as(StatusLine::new);
    }

    /** Bytes biased to what matters in a body: CR, LF and dots; never NUL (fatal in a body). */
    static Arbitrary<byte[]> body() {
        Arbitrary<Byte> octet = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of((byte) '\r', (byte) '\n')),
                Tuple.of(3, Arbitraries.just((byte) '.')),
                Tuple.of(5, Arbitraries.bytes().between((byte) 'a', (byte) 'e')),
                Tuple.of(1, Arbitraries.bytes().filter(b -> b != 0)));
        return octet.list().ofMaxSize(300).map(Generators::toArray);
    }

    /** A listing line: no CR, LF or NUL; a leading dot sometimes. */
    static Arbitrary<String> listingLine() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30);
    }

    /** {@code body} dot-stuffed and terminated, as a server writes it. */
    static byte[] stuffed(byte[] body, int[] chunks) {
        DotStuffer stuffer = new DotStuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int offset = 0;
        int turn = 0;
        while (offset < body.length) {
            int n = Math.min(body.length - offset, Math.max(1, chunks[turn++ % chunks.length]));
            stuffer.write(ByteBuffer.wrap(body, offset, n), b -> out.writeBytes(bytes(b)));
            offset += n;
        }
        stuffer.finish(b -> out.writeBytes(bytes(b)));
        return out.toByteArray();
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Every bare CR and bare LF as CRLF, and a final CRLF unless empty or already there. */
    static byte[] canonical(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                if (b == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(b);
            }
        }
        byte[] r = out.toByteArray();
        int n = r.length;
        if (n > 0 && !(n >= 2 && r[n - 2] == '\r' && r[n - 1] == '\n')) {
            out.write('\r');
            out.write('\n');
            r = out.toByteArray();
        }
        return r;
    }

    static byte[] toArray(List<Byte> list) {
        byte[] a = new byte[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /** One response on the wire with the shapes a client would have enqueued for it. */
    record Piece(String wire, List<ResponseShape> shapes) {
    }

    /** Responses of every shape, including AUTH exchanges (one AUTH_STEP per line) and junk. */
    static Arbitrary<Piece> responsePiece() {
        Arbitrary<String> status = statusLine().map(s -> latin1(bytes(Pop3ResponseEncoder.encode(s))));
        Arbitrary<String> junk = Arbitraries.strings().withChars("+-OKER .[]\r\n\0x").ofMaxLength(16);
        Arbitrary<Piece> single = status.map(s -> new Piece(s, List.of(ResponseShape.SINGLE_LINE)));
        Arbitrary<Piece> retr = Combinators.combine(body(), Arbitraries.of(true, false)).as((b, ok) -> ok
                ? new Piece("+OK\r\n" + latin1(stuffed(b, new int[] {7})), List.of(ResponseShape.MULTI_LINE_IF_OK))
                : new Piece("-ERR no such message\r\n", List.of(ResponseShape.MULTI_LINE_IF_OK)));
        Arbitrary<Piece> listing = listingLine().list().ofMaxSize(6).map(lines -> new Piece(
                latin1(bytes(Pop3ResponseEncoder.encodeListing(StatusLine.ok(""), lines))),
                List.of(ResponseShape.LISTING_IF_OK)));
        Arbitrary<Piece> auth = Combinators.combine(base64().list().ofMaxSize(3), status).as((challenges, end) -> {
            StringBuilder wire = new StringBuilder();
            List<ResponseShape> shapes = new ArrayList<>();
            for (String c : challenges) {
                wire.append("+ ").append(c).append("\r\n");
                shapes.add(ResponseShape.AUTH_STEP);
            }
            shapes.add(ResponseShape.AUTH_STEP);
            return new Piece(wire + end, shapes);
        });
        Arbitrary<Piece> junkPiece = Combinators.combine(junk, Arbitraries.of(ResponseShape.class))
                .as((j, s) -> new Piece(j, List.of(s)));
        return Arbitraries.frequencyOf(Tuple.of(3, single), Tuple.of(3, retr), Tuple.of(2, listing), Tuple.of(2, auth),
                Tuple.of(1, junkPiece));
    }
}
