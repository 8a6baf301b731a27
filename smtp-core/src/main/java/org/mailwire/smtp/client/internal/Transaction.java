package org.mailwire.smtp.client.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.mailwire.smtp.BodyType;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.Recipient;
import org.mailwire.smtp.SmtpCapabilities;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.MessageRejectedException;
import org.mailwire.smtp.client.MessageTooLargeException;
import org.mailwire.smtp.client.MissingExtensionException;
import org.mailwire.smtp.client.NoRecipientsAcceptedException;
import org.mailwire.smtp.client.RecipientResult;
import org.mailwire.smtp.client.SendResult;
import org.mailwire.smtp.client.SmtpClientException;
import org.mailwire.smtp.client.SmtpClientOptions;
import org.mailwire.smtp.client.SmtpConnectionException;
import org.mailwire.smtp.client.SmtpReplyException;
import org.mailwire.transport.line.DotStuffer;

/**
 * One mail transaction: checks against what the server advertised, then MAIL, the RCPTs and DATA
 * (or the first BDAT) pipelined when the server offers PIPELINING (RFC 2920), the body streamed a
 * chunk at a time, and the replies matched to the recipients. After a failure that leaves the
 * server inside the transaction, RSET ends it, so the connection can carry the next message.
 */
final class Transaction {
    private static final ByteBuffer END_OF_EMPTY_DATA = ByteBuffer.wrap(".\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final ClientSession session;
    private final ReplyChannel channel;
    private final SmtpClientOptions options;
    private final SmtpCapabilities caps;
    private final Envelope envelope;
    private final BodySource body;
    private final boolean bdat;
    private final boolean pipelining;
    /** The body is a stream of unknown content going to a server without 8BITMIME: look at every octet. */
    private boolean scanForEightBit;
    private MailParameters mailParameters;

    Transaction(ClientSession session, Envelope envelope, BodySource body) {
        this.session = session;
        this.channel = session.channel();
        this.options = session.options();
        this.caps = session.capabilities();
        this.envelope = envelope;
        this.body = body;
        boolean binary = envelope.mailParameters().body().orElse(null) == BodyType.BINARY_MIME;
        this.bdat = caps.chunking() && (options.useBdat() || binary);
        this.pipelining = caps.pipelining();
    }

    CompletableFuture<SendResult> run() {
        try {
            mailParameters = checkedParameters();
        } catch (SmtpClientException | IllegalArgumentException refused) {
            // found before MAIL: nothing was sent, the connection is as it was
            return ClientSession.failed(refused);
        }
        // LMTP answers BDAT LAST once per accepted recipient, a number unknown until the RCPT replies
        // are in; so there the first chunk waits for them instead of riding in the pipeline
        boolean chunkInPipeline = pipelining && bdat && !options.lmtp();
        if (chunkInPipeline) {
            // read before MAIL: a body that cannot be read fails the transaction with nothing sent
            return nextChunk(ReadFailure.NOTHING_SENT)
                    .thenCompose(chunk -> checkEightBit(chunk).thenCompose(ok -> envelopePhase(chunk)));
        }
        return envelopePhase(null);
    }

    // ---- checks before MAIL ----

    private MailParameters checkedParameters() {
        MailParameters p = envelope.mailParameters();
        boolean ascii = envelope.from().mailbox().map(m -> m.isAscii()).orElse(true)
                && envelope.recipients().stream().allMatch(r -> r.path().mailbox().isAscii());
        if (!ascii || p.smtpUtf8()) {
            // RFC 6531 §3.4: a non-ASCII address may only go to a server that offers SMTPUTF8
            require(caps.smtpUtf8(), "SMTPUTF8", "an address is not ASCII");
            p = p.withSmtpUtf8(true);
        }
        boolean dsn = p.ret().isPresent() || p.envelopeId().isPresent() || envelope.recipients().stream()
                .anyMatch(r -> !r.parameters().notifyOn().isEmpty() || r.parameters().orcpt().isPresent());
        require(!dsn || caps.dsn(), "DSN", "the envelope asks for delivery status notifications");
        if (p.requireTls()) {
            require(caps.requireTls() && channel.connection().isSecure(), "REQUIRETLS",
                    "the envelope sets REQUIRETLS (RFC 8689 needs it offered over TLS)");
        }
        require(p.auth().isEmpty() || caps.has("AUTH"), "AUTH", "the envelope carries a MAIL AUTH= parameter");

        Optional<BodyType> declared = p.body();
        if (declared.orElse(null) == BodyType.BINARY_MIME) {
            require(caps.binaryMime() && caps.chunking(), "BINARYMIME and CHUNKING", "the body is declared binary");
            require(options.useBdat(), "CHUNKING", "BINARYMIME needs BDAT, and useBdat is off");
        }
        require(declared.orElse(null) != BodyType.EIGHT_BIT_MIME || caps.eightBitMime(), "8BITMIME",
                "the body is declared 8BITMIME");
        Optional<Boolean> eightBit = body.eightBit();
        if (eightBit.isPresent()) {
            if (eightBit.get() && declared.isEmpty()) {
                require(caps.eightBitMime(), "8BITMIME", "the body has octets above 127");
                p = p.withBody(BodyType.EIGHT_BIT_MIME);
            } else if (eightBit.get() && declared.get() == BodyType.SEVEN_BIT) {
                throw new IllegalArgumentException("the body is declared 7BIT but has octets above 127");
            }
        } else if (declared.isEmpty() && caps.eightBitMime()) {
            // a stream is seen only as it is sent: declaring 8BITMIME up front is right for 7-bit
            // content too (RFC 6152 §3), and spares a scan
            p = p.withBody(BodyType.EIGHT_BIT_MIME);
        } else {
            scanForEightBit = declared.isEmpty() || declared.get() == BodyType.SEVEN_BIT;
        }

        // RFC 1870 §3: SIZE= is what goes on the wire; BDAT sends the body as it is, DATA canonicalised
        OptionalLong size = p.size().isPresent() ? p.size() : bdat ? body.octets() : body.dataSize();
        OptionalLong limit = caps.size();
        if (size.isPresent() && limit.isPresent() && limit.getAsLong() > 0 && size.getAsLong() > limit.getAsLong()) {
            throw new MessageTooLargeException(size.getAsLong(), limit.getAsLong());
        }
        if (limit.isPresent() && size.isPresent()) {
            p = p.withSize(size.getAsLong());
        } else if (p.size().isPresent()) {
            // RFC 1870: SIZE= goes only to a server that advertised SIZE
            p = new MailParameters(OptionalLong.empty(), p.body(), p.smtpUtf8(), p.ret(), p.envelopeId(), p.auth(),
                    p.requireTls());
        }
        return p;
    }

    private static void require(boolean offered, String extension, String why) {
        if (!offered) {
            throw new MissingExtensionException(extension, why);
        }
    }

    /**
     * A streamed body going to a server without 8BITMIME is looked at before each chunk goes out;
     * at the first octet above 127 the connection is dropped before the end of the data, so the
     * server discards the partial message instead of receiving 8-bit data it never agreed to.
     */
    private CompletableFuture<Void> checkEightBit(BodySource.Chunk chunk) {
        if (scanForEightBit && BodySource.hasEightBit(chunk.bytes())) {
            MissingExtensionException refused = new MissingExtensionException("8BITMIME",
                    "the body has octets above 127; the connection was dropped before the end of the data");
            channel.abort(refused);
            return ClientSession.failed(refused);
        }
        return CompletableFuture.completedFuture(null);
    }

    // ---- MAIL, RCPT, and DATA or the first BDAT ----

    private CompletableFuture<SendResult> envelopePhase(BodySource.Chunk firstChunk) {
        List<List<ByteBuffer>> commands = new ArrayList<>();
        commands.add(List.of(ClientSession.encode(new SmtpCommand.Mail(envelope.from(), mailParameters))));
        for (Recipient r : envelope.recipients()) {
            commands.add(List.of(ClientSession.encode(new SmtpCommand.Rcpt(r.path(), r.parameters()))));
        }
        boolean tailPipelined = pipelining && (!bdat || firstChunk != null);
        if (tailPipelined) {
            commands.add(bdat ? bdatPieces(firstChunk) : List.of(ClientSession.encode(new SmtpCommand.Data())));
        }
        int group = pipelining ? options.maxPipelinedCommands() : 1;
        return sendInGroups(commands, group, 0, new ArrayList<>())
                .thenCompose(replies -> afterEnvelope(replies, tailPipelined ? firstChunk : null, tailPipelined));
    }

    /**
     * Sends the commands {@code group} at a time, each group in one write, waiting for a group's
     * replies before the next. Stops early when MAIL was refused.
     */
    private CompletableFuture<List<SmtpReply>> sendInGroups(List<List<ByteBuffer>> commands, int group, int from,
            List<SmtpReply> replies) {
        if (from == commands.size()) {
            return CompletableFuture.completedFuture(replies);
        }
        int to = Math.min(commands.size(), from + group);
        List<ByteBuffer> pieces = coalesce(commands.subList(from, to));
        List<CompletableFuture<SmtpReply>> futures = channel.send(pieces, to - from);
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenCompose(all -> {
            futures.forEach(f -> replies.add(f.join()));
            if (!replies.get(0).isPositive()) {
                return CompletableFuture.completedFuture(replies);
            }
            return sendInGroups(commands, group, to, replies);
        });
    }

    /** Command lines joined into one buffer (one write); a BDAT chunk stays a buffer of its own, uncopied. */
    private static List<ByteBuffer> coalesce(List<List<ByteBuffer>> commands) {
        List<ByteBuffer> pieces = new ArrayList<>();
        int lines = 0;
        for (List<ByteBuffer> c : commands) {
            lines += c.get(0).remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(lines);
        for (List<ByteBuffer> c : commands) {
            joined.put(c.get(0).duplicate());
        }
        pieces.add(joined.flip());
        for (List<ByteBuffer> c : commands) {
            pieces.addAll(c.subList(1, c.size()));
        }
        return pieces;
    }

    private CompletableFuture<SendResult> afterEnvelope(List<SmtpReply> replies, BodySource.Chunk firstChunk,
            boolean tailPipelined) {
        SmtpReply mail = replies.get(0);
        SmtpReply tail = tailPipelined && replies.size() == envelope.recipients().size() + 2
                ? replies.get(replies.size() - 1) : null;
        if (!mail.isPositive()) {
            return endThenFail(tail, new SmtpReplyException("MAIL", mail));
        }
        List<RecipientResult> results = new ArrayList<>();
        for (int i = 0; i < envelope.recipients().size(); i++) {
            results.add(new RecipientResult(envelope.recipients().get(i), replies.get(i + 1), null));
        }
        List<Recipient> accepted = results.stream().filter(RecipientResult::accepted).map(RecipientResult::recipient).toList();
        if (accepted.isEmpty()) {
            // RFC 2920 §3.1: a pipelined DATA after refused recipients gets 503 or 554; no body follows
            return endThenFail(tail, new NoRecipientsAcceptedException(results));
        }
        if (bdat) {
            if (tail == null) {
                return nextChunk(ReadFailure.RESET)
                        .thenCompose(chunk -> checkEightBit(chunk).thenCompose(ok -> sendChunk(chunk, results, accepted)));
            }
            return afterChunk(firstChunk, List.of(tail), results, accepted);
        }
        CompletableFuture<SmtpReply> data = tail != null ? CompletableFuture.completedFuture(tail)
                : session.exchange(new SmtpCommand.Data());
        return data.thenCompose(reply -> {
            if (reply.code() != 354) {
                return resetThenFail(new SmtpReplyException("DATA", reply));
            }
            return streamData(new DotStuffer(), results, accepted);
        });
    }

    /**
     * Ends a transaction that failed before its body: a server that (wrongly) answered a pipelined
     * DATA with 354 gets the lone dot it then waits for (RFC 2920 §3.1); then RSET.
     */
    private CompletableFuture<SendResult> endThenFail(SmtpReply tail, SmtpClientException cause) {
        if (tail != null && tail.code() == 354) {
            return channel.send(List.of(END_OF_EMPTY_DATA.duplicate()), 1).get(0)
                    .handle((reply, error) -> null)
                    .thenCompose(ignored -> resetThenFail(cause));
        }
        return resetThenFail(cause);
    }

    /** RSET (RFC 5321 §4.1.1.5) so the next MAIL starts clean; its outcome does not hide the cause. */
    private <T> CompletableFuture<T> resetThenFail(SmtpClientException cause) {
        return session.exchange(new SmtpCommand.Rset())
                .handle((reply, error) -> null)
                .thenCompose(ignored -> ClientSession.failed(cause));
    }

    // ---- reading the body ----

    /** Where the transaction stands when the body cannot be read, and so what ends it. */
    private enum ReadFailure {
        /** Before MAIL: the server has seen nothing of this transaction. */
        NOTHING_SENT,
        /** Between BDAT chunks: RSET discards the chunks sent (RFC 3030 §2) and the connection stays usable. */
        RESET,
        /**
         * Inside DATA: only the final dot ends the data, and it would deliver the partial message; so
         * the connection is dropped, and the server discards a message whose data never ended.
         */
        ABORT
    }

    /**
     * The next chunk of the body. A chunk is read whole before any of it is sent, so when the
     * caller's stream fails, no part of that chunk is on the wire: the transaction fails with
     * {@link SmtpConnectionException.Reason#BODY_READ_FAILED}, ended as {@code onFailure} says.
     */
    private CompletableFuture<BodySource.Chunk> nextChunk(ReadFailure onFailure) {
        return body.next(options.chunkSize()).exceptionallyCompose(error -> {
            SmtpConnectionException unreadable = bodyReadFailure(ClientSession.unwrap(error));
            return switch (onFailure) {
                case NOTHING_SENT -> ClientSession.failed(unreadable);
                case RESET -> resetThenFail(unreadable);
                case ABORT -> {
                    // later operations fail with CLOSED; this one with what went wrong
                    channel.abort(new SmtpConnectionException(SmtpConnectionException.Reason.CLOSED,
                            "the connection was dropped in the middle of DATA: " + unreadable.getMessage(), unreadable));
                    yield ClientSession.failed(unreadable);
                }
            };
        });
    }

    private static SmtpConnectionException bodyReadFailure(Throwable error) {
        if (error instanceof SmtpConnectionException e && e.reason() == SmtpConnectionException.Reason.BODY_READ_FAILED) {
            return e;
        }
        return new SmtpConnectionException(SmtpConnectionException.Reason.BODY_READ_FAILED,
                "reading the message body failed: " + error, error);
    }

    // ---- DATA ----

    /** One chunk at a time: the next is read only once the socket took the previous one. */
    private CompletableFuture<SendResult> streamData(DotStuffer stuffer, List<RecipientResult> results,
            List<Recipient> accepted) {
        return nextChunk(ReadFailure.ABORT).thenCompose(chunk -> checkEightBit(chunk).thenCompose(ok -> {
            List<ByteBuffer> out = new ArrayList<>();
            // SECURITY.md row 2: stray CR and LF become CRLF, and every line starting with a dot is
            // stuffed, so nothing in the body can end the data early or smuggle a second message
            stuffer.write(chunk.bytes(), b -> out.add(copy(b)));
            if (!chunk.last()) {
                return channel.write(out).thenCompose(written -> streamData(stuffer, results, accepted));
            }
            stuffer.finish(b -> out.add(copy(b)));
            List<CompletableFuture<SmtpReply>> finals = channel.send(out, options.lmtp() ? accepted.size() : 1);
            return CompletableFuture.allOf(finals.toArray(CompletableFuture[]::new))
                    .thenCompose(all -> delivered("DATA", finals.stream().map(CompletableFuture::join).toList(),
                            results));
        }));
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source).flip();
        return copy;
    }

    // ---- BDAT (RFC 3030) ----

    private static List<ByteBuffer> bdatPieces(BodySource.Chunk chunk) {
        ByteBuffer command = ClientSession.encode(new SmtpCommand.Bdat(chunk.bytes().remaining(), chunk.last()));
        return chunk.bytes().hasRemaining() ? List.of(command, chunk.bytes()) : List.of(command);
    }

    /**
     * One BDAT and its chunk, then its reply; chunks are not pipelined with each other, which keeps
     * at most one chunk in memory and stops at the first refusal (RFC 3030 §4.2: no more chunks
     * after a failed one).
     */
    private CompletableFuture<SendResult> sendChunk(BodySource.Chunk chunk, List<RecipientResult> results,
            List<Recipient> accepted) {
        int replies = chunk.last() && options.lmtp() ? accepted.size() : 1;
        List<CompletableFuture<SmtpReply>> futures = channel.send(bdatPieces(chunk), replies);
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenCompose(all -> afterChunk(chunk, futures.stream().map(CompletableFuture::join).toList(), results,
                        accepted));
    }

    private CompletableFuture<SendResult> afterChunk(BodySource.Chunk chunk, List<SmtpReply> replies,
            List<RecipientResult> results, List<Recipient> accepted) {
        if (chunk.last()) {
            return delivered("BDAT", replies, results);
        }
        SmtpReply reply = replies.get(0);
        if (!reply.isPositive()) {
            return resetThenFail(new MessageRejectedException("BDAT", reply, withDelivery(results, reply)));
        }
        return nextChunk(ReadFailure.RESET)
                .thenCompose(next -> checkEightBit(next).thenCompose(ok -> sendChunk(next, results, accepted)));
    }

    // ---- results ----

    /**
     * SMTP: one reply for all accepted recipients. LMTP (RFC 2033 §4.2): one per accepted recipient,
     * in RCPT order. The transaction succeeds when at least one recipient was delivered to.
     */
    private CompletableFuture<SendResult> delivered(String command, List<SmtpReply> finals,
            List<RecipientResult> results) {
        List<RecipientResult> done = new ArrayList<>();
        int next = 0;
        for (RecipientResult r : results) {
            if (!r.accepted()) {
                done.add(r);
                continue;
            }
            SmtpReply delivery = options.lmtp() ? finals.get(next++) : finals.get(0);
            done.add(new RecipientResult(r.recipient(), r.rcptReply(), delivery));
        }
        SendResult result = new SendResult(done);
        if (result.delivered().isEmpty()) {
            SmtpReply refusal = finals.stream().filter(f -> !f.isPositive()).findFirst().orElse(finals.get(0));
            return ClientSession.failed(new MessageRejectedException(command, refusal, result));
        }
        return CompletableFuture.completedFuture(result);
    }

    private static SendResult withDelivery(List<RecipientResult> results, SmtpReply delivery) {
        return new SendResult(results.stream()
                .map(r -> r.accepted() ? new RecipientResult(r.recipient(), r.rcptReply(), delivery) : r)
                .toList());
    }
}
