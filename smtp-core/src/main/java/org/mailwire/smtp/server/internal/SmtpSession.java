package org.mailwire.smtp.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mailwire.smtp.BodyType;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.RcptParameters;
import org.mailwire.smtp.Recipient;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.codec.CommandViolation;
import org.mailwire.smtp.codec.DataOutcome;
import org.mailwire.smtp.codec.SmtpCommandDecoder;
import org.mailwire.smtp.codec.SmtpReplyEncoder;
import org.mailwire.smtp.codec.SmtpServerSink;
import org.mailwire.smtp.server.BodySink;
import org.mailwire.smtp.server.DeliveryResult;
import org.mailwire.smtp.server.HookResult;
import org.mailwire.smtp.server.SessionInfo;
import org.mailwire.smtp.server.SmtpMode;
import org.mailwire.smtp.server.SmtpServerConfig;
import org.mailwire.smtp.server.VrfyPolicy;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;
import org.mailwire.transport.TlsDetails;
import org.mailwire.transport.sasl.SaslMechanism;
import org.mailwire.transport.sasl.SaslServer;
import org.mailwire.transport.sasl.SaslServerExchange;
import org.mailwire.transport.sasl.SaslStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP or LMTP server connection: the state machine between the command decoder and the hooks.
 *
 * <p>Replies are collected while commands keep coming and written when the input runs dry or a hook
 * must be waited for, which is RFC 2920's batching. While a hook or body sink has not answered, the
 * connection stops reading; the bytes behind the command wait, undecoded, in the transport.
 */
public final class SmtpSession implements ConnectionHandler, SmtpServerSink {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /**
     * Replies written but not yet sent past which the session stops reading: a client that
     * pipelines commands and never reads the replies cannot make the server queue without end.
     */
    static final int MAX_UNSENT_REPLY_BYTES = 64 * 1024;

    private final Connection connection;
    private final SmtpServerConfig config;
    private final SmtpCommandDecoder decoder;
    private final Optional<SaslServer> sasl;
    private final List<ByteBuffer> pendingReplies = new ArrayList<>();

    private Optional<String> heloName = Optional.empty();
    private boolean extended;
    private Optional<String> authenticatedAs = Optional.empty();
    private Transaction transaction;
    private SaslServerExchange authExchange;
    /** The identity a SASL exchange proved, waiting for the client's empty reply to the 334 with additional data. */
    private String authSuccessPending;
    private int badCommands;
    private int authFailures;
    /** A hook or body sink has not answered yet. */
    private boolean waiting;
    private boolean closing;
    private boolean shutdownRequested;
    private boolean switchingToTls;
    /** Octets of replies handed to the transport and not yet sent; updated from I/O threads. */
    private final java.util.concurrent.atomic.AtomicLong unsentReplyBytes = new java.util.concurrent.atomic.AtomicLong();
    /** Reading stopped until the client reads its replies (see MAX_UNSENT_REPLY_BYTES). */
    private volatile boolean writeBlocked;
    /** A refusal for a BDAT chunk that arrived outside any usable transaction. */
    private SmtpReply pendingBdatRefusal;

    public SmtpSession(Connection connection, SmtpServerConfig config, Optional<SaslServer> sasl) {
        this.connection = connection;
        this.config = config;
        this.sasl = sasl;
        this.decoder = new SmtpCommandDecoder(config.limits());
    }

    // ---- transport events ----

    @Override
    public void onOpen() {
        after(config.hooks().onConnect(info()), result -> {
            if (result instanceof HookResult.Reject rejected) {
                disconnect(rejected.reply());
            } else if (result instanceof HookResult.Disconnect disconnect) {
                disconnect(disconnect.reply());
            } else if (result instanceof HookResult.Accept accepted) {
                reply(accepted.reply().orElse(greeting()));
            } else {
                reply(greeting());
            }
        }, failure -> disconnect(Replies.SERVICE_UNAVAILABLE));
        flush();
    }

    private SmtpReply greeting() {
        String service = config.mode() == SmtpMode.LMTP ? "LMTP" : "ESMTP";
        return SmtpReply.of(220, null, config.hostname() + " " + service + " Mailwire");
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
        if (waiting || closing || switchingToTls || writeBlocked) {
            // Leaves the bytes to the transport, which pauses until resumeReading().
            return;
        }
        decoder.decode(bytes, this);
        flush();
    }

    @Override
    public void onTlsEstablished(TlsDetails details) {
        // RFC 3207 §4.2: everything learned before TLS is forgotten; the client must EHLO again.
        switchingToTls = false;
        heloName = Optional.empty();
        extended = false;
        resetTransaction();
        decoder.reset();
        armCommandDeadline();
    }

    @Override
    public void onIdle(Connection idle) {
        disconnect(Replies.TIMEOUT);
    }

    @Override
    public void onDeadline(Connection late) {
        LOG.debug("session {}: timeout", connection.id());
        disconnect(Replies.TIMEOUT);
    }

    @Override
    public void onShutdown(Connection closingDown) {
        if (transaction == null && !waiting) {
            disconnect(Replies.SHUTTING_DOWN);
        } else {
            shutdownRequested = true;
        }
    }

    @Override
    public void onClosed() {
        closing = true;
        connection.clearDeadline();
        if (transaction != null) {
            transaction.abortBody();
            transaction = null;
        }
    }

    // ---- decoder events ----

    @Override
    public boolean command(SmtpCommand command) {
        connection.clearDeadline();
        if (command instanceof SmtpCommand.Helo helo) {
            hello(helo.domain(), false, false);
        } else if (command instanceof SmtpCommand.Ehlo ehlo) {
            hello(ehlo.domain(), true, false);
        } else if (command instanceof SmtpCommand.Lhlo lhlo) {
            hello(lhlo.domain(), true, true);
        } else if (command instanceof SmtpCommand.Mail mail) {
            mail(mail.from(), mail.parameters());
        } else if (command instanceof SmtpCommand.Rcpt rcpt) {
            rcpt(rcpt.to(), rcpt.parameters());
        } else if (command instanceof SmtpCommand.Data) {
            data();
        } else if (command instanceof SmtpCommand.Bdat bdat) {
            bdat(bdat.chunkSize(), bdat.last());
        } else if (command instanceof SmtpCommand.Rset) {
            resetTransaction();
            reply(Replies.RESET);
        } else if (command instanceof SmtpCommand.Noop) {
            reply(Replies.OK);
        } else if (command instanceof SmtpCommand.Quit) {
            disconnect(Replies.BYE);
        } else if (command instanceof SmtpCommand.Vrfy || command instanceof SmtpCommand.Expn) {
            reply(vrfyReply());
        } else if (command instanceof SmtpCommand.Help) {
            reply(Replies.HELP);
        } else if (command instanceof SmtpCommand.StartTls) {
            startTls();
        } else if (command instanceof SmtpCommand.Auth auth) {
            auth(auth.mechanism(), auth.initialResponse());
        }
        return keepDecoding();
    }

    @Override
    public boolean invalidCommand(CommandViolation violation) {
        connection.clearDeadline();
        LOG.debug("session {}: {}", connection.id(), violation.kind());
        authExchange = null;
        authSuccessPending = null;
        if (violation.unrecognized().isPresent()) {
            CommandViolation.Unrecognized command = violation.unrecognized().get();
            after(config.hooks().onUnknownCommand(info(), command.verb(), command.argument()), result -> {
                if (result instanceof HookResult.Accept accepted && accepted.reply().isPresent()) {
                    reply(accepted.reply().get());
                } else if (result instanceof HookResult.Disconnect disconnect) {
                    disconnect(disconnect.reply());
                } else {
                    reply(result instanceof HookResult.Reject rejected ? rejected.reply() : violation.reply());
                    countBadCommand();
                }
            });
            return keepDecoding();
        }
        reply(violation.reply());
        countBadCommand();
        return keepDecoding();
    }

    private boolean keepDecoding() {
        return !waiting && !closing && !switchingToTls && !writeBlocked;
    }

    // ---- HELO / EHLO / LHLO ----

    private void hello(String domain, boolean esmtp, boolean lhlo) {
        boolean lmtp = config.mode() == SmtpMode.LMTP;
        if (lmtp != lhlo) {
            reply(lmtp ? Replies.LMTP_NEEDS_LHLO : SmtpReply.of(500, "5.5.1", "Command unrecognized"));
            countBadCommand();
            return;
        }
        // RFC 5321 §4.1.4: a HELO or EHLO in the middle of a transaction resets it.
        resetTransaction();
        SessionInfo asked = new SessionInfo(connection.id(), connection.remoteAddress(), connection.localAddress(),
                Optional.of(domain), esmtp, connection.tlsDetails(), authenticatedAs);
        after(config.hooks().onHelo(asked, domain), result -> decide(result, () -> {
            heloName = Optional.of(domain);
            extended = esmtp;
            return esmtp ? ehloReply(domain) : SmtpReply.of(250, null, config.hostname());
        }));
    }

    private SmtpReply ehloReply(String domain) {
        List<String> lines = new ArrayList<>();
        lines.add(config.hostname() + " greets " + domain);
        lines.add("PIPELINING");
        lines.add("SIZE " + config.limits().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("BINARYMIME");
        lines.add("DSN");
        if (config.offersStartTls() && !connection.isSecure()) {
            lines.add("STARTTLS");
        }
        List<SaslMechanism> mechanisms = advertisedMechanisms();
        if (!mechanisms.isEmpty() && authenticatedAs.isEmpty()) {
            lines.add("AUTH " + String.join(" ", mechanisms.stream().map(SaslMechanism::wireName).toList()));
        }
        if (connection.isSecure()) {
            // RFC 8689 §4.1: offered only where the next hop's connection is itself protected.
            lines.add("REQUIRETLS");
        }
        lines.add("HELP");
        return new SmtpReply(250, Optional.empty(), lines);
    }

    private List<SaslMechanism> advertisedMechanisms() {
        return sasl.map(server -> server.advertised(connection.isSecure(), config.allowCleartextAuth()))
                .orElse(List.of());
    }

    // ---- the transaction ----

    private void mail(ReversePath from, MailParameters parameters) {
        if (heloName.isEmpty()) {
            reply(config.mode() == SmtpMode.LMTP ? Replies.LHLO_FIRST : Replies.HELO_FIRST);
            return;
        }
        if (transaction != null) {
            reply(Replies.NESTED_MAIL);
            return;
        }
        if (config.mode() == SmtpMode.SUBMISSION && authenticatedAs.isEmpty()) {
            reply(Replies.AUTH_REQUIRED);
            return;
        }
        if (!extended && !MailParameters.NONE.equals(parameters)) {
            // Parameters are ESMTP: a client that said HELO may not use them (RFC 5321 §4.1.1.11).
            reply(Replies.PARAMETER_NOT_OFFERED);
            return;
        }
        if (parameters.size().isPresent() && parameters.size().getAsLong() > config.limits().maxMessageSize()) {
            reply(Replies.MESSAGE_TOO_BIG);
            return;
        }
        if (parameters.requireTls() && !connection.isSecure()) {
            reply(Replies.REQUIRETLS_NEEDS_TLS);
            return;
        }
        after(config.hooks().onMail(info(), from, parameters), result -> decide(result, () -> {
            transaction = new Transaction(from, parameters,
                    new BodyPace(config.timeouts().dataBlock(), config.timeouts().minDataRate()));
            decoder.utf8PathsAllowed(parameters.smtpUtf8());
            return Replies.SENDER_OK;
        }));
    }

    private void rcpt(ForwardPath to, RcptParameters parameters) {
        if (transaction == null) {
            reply(Replies.NEED_MAIL);
            return;
        }
        if (transaction.recipients.size() >= config.limits().maxRecipients()) {
            // RFC 5321 §4.5.3.1.10: a temporary failure, so the client retries the rest later.
            reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        if (!extended && !RcptParameters.NONE.equals(parameters)) {
            reply(Replies.PARAMETER_NOT_OFFERED);
            return;
        }
        Transaction current = transaction;
        after(config.hooks().onRcpt(info(), current.envelope(), to, parameters), result -> decide(result, () -> {
            current.recipients.add(new Recipient(to, parameters));
            return Replies.RECIPIENT_OK;
        }));
    }

    private void data() {
        if (transaction == null) {
            reply(Replies.NEED_MAIL);
            return;
        }
        if (transaction.bdatStarted) {
            reply(Replies.BDAT_IN_PROGRESS);
            return;
        }
        if (transaction.recipients.isEmpty()) {
            reply(config.mode() == SmtpMode.LMTP ? Replies.NEED_RCPT : Replies.NO_VALID_RECIPIENTS);
            return;
        }
        if (transaction.parameters.body().orElse(BodyType.SEVEN_BIT) == BodyType.BINARY_MIME) {
            reply(Replies.BINARY_NEEDS_BDAT);
            return;
        }
        Transaction current = transaction;
        after(config.hooks().onData(info(), current.envelope()), result -> {
            if (result instanceof HookResult.Reject || result instanceof HookResult.Disconnect) {
                decide(result, () -> Replies.START_DATA);
                return;
            }
            // Always the standard 354: a hook's 2xx here would leave the client sending commands
            // while the decoder reads them as the message.
            current.body = config.messageSink().open(info(), current.envelope());
            decoder.expectData(config.limits().maxMessageSize());
            current.pace.start(System.nanoTime());
            armBodyDeadline();
            reply(Replies.START_DATA);
        });
    }

    @Override
    public boolean dataChunk(ByteBuffer chunk) {
        if (transaction != null) {
            transaction.pace.received(chunk.remaining());
            if (transaction.body != null) {
                transaction.body.write(chunk);
            }
        }
        armBodyDeadline();
        return true;
    }

    private void armBodyDeadline() {
        if (transaction != null) {
            connection.armDeadline(transaction.pace.nextDeadline(System.nanoTime()));
        } else {
            connection.armDeadline(config.timeouts().dataBlock());
        }
    }

    @Override
    public boolean dataEnd(DataOutcome outcome) {
        connection.clearDeadline();
        if (!outcome.clean()) {
            endOfBodyReply(refusal(outcome), transaction == null ? 1 : transaction.recipients.size());
            resetTransaction();
            return keepDecoding();
        }
        deliver();
        return keepDecoding();
    }

    private static SmtpReply refusal(DataOutcome outcome) {
        var violations = outcome.violations();
        if (violations.contains(DataOutcome.DataViolation.TOO_LARGE)) {
            return Replies.MESSAGE_TOO_BIG;
        }
        if (violations.contains(DataOutcome.DataViolation.BARE_LF) || violations.contains(DataOutcome.DataViolation.BARE_CR)) {
            return Replies.BARE_LINE_ENDS;
        }
        if (violations.contains(DataOutcome.DataViolation.NUL)) {
            return Replies.NUL_IN_DATA;
        }
        return Replies.LINE_TOO_LONG_IN_DATA;
    }

    private void bdat(long chunkSize, boolean last) {
        if (chunkSize > config.limits().maxMessageSize()) {
            // No message may be this big, and skipping that many octets would hold the connection
            // for as long as the client likes: refuse and close (RFC 3030 §2 lets the server close).
            disconnect(Replies.MESSAGE_TOO_BIG);
            return;
        }
        if (!extended || transaction == null || transaction.recipients.isEmpty()) {
            // RFC 3030 §2: the chunk is read and dropped all the same, or its bytes would be taken
            // for commands.
            decoder.expectBdat(chunkSize, false);
            pendingBdatRefusal = !extended ? Replies.HELO_FIRST
                    : transaction == null ? Replies.NEED_MAIL
                    : config.mode() == SmtpMode.LMTP ? Replies.NEED_RCPT : Replies.NO_VALID_RECIPIENTS;
            armBodyDeadline();
            return;
        }
        Transaction current = transaction;
        current.bdatLast = last;
        // Written as a subtraction: a sum of two client-chosen sizes can overflow past the limit.
        if (chunkSize > config.limits().maxMessageSize() - current.bdatSize) {
            decoder.expectBdat(chunkSize, false);
            current.bdatRefusal = Replies.MESSAGE_TOO_BIG;
            armBodyDeadline();
            return;
        }
        if (current.bdatStarted) {
            decoder.expectBdat(chunkSize, current.bdatRefusal == null);
            armBodyDeadline();
            return;
        }
        current.bdatStarted = true;
        current.pace.start(System.nanoTime());
        after(config.hooks().onData(info(), current.envelope()), result -> {
            if (result instanceof HookResult.Reject rejected) {
                current.bdatRefusal = rejected.reply();
            } else if (result instanceof HookResult.Disconnect disconnect) {
                current.bdatRefusal = disconnect.reply();
                current.disconnectAfterChunk = true;
            } else {
                current.body = config.messageSink().open(info(), current.envelope());
            }
            decoder.expectBdat(chunkSize, current.bdatRefusal == null);
            armBodyDeadline();
        }, failure -> {
            // Whatever the hook did, the chunk's octets follow and must be read as data, never as
            // commands.
            current.bdatRefusal = Replies.LOCAL_ERROR;
            decoder.expectBdat(chunkSize, false);
            armBodyDeadline();
        });
    }

    @Override
    public boolean bdatChunk(ByteBuffer chunk) {
        if (transaction != null) {
            transaction.pace.received(chunk.remaining());
            if (transaction.body != null && transaction.bdatRefusal == null) {
                transaction.body.write(chunk);
            }
        }
        armBodyDeadline();
        return true;
    }

    @Override
    public boolean bdatEnd(long chunkSize) {
        connection.clearDeadline();
        if (pendingBdatRefusal != null) {
            reply(pendingBdatRefusal);
            pendingBdatRefusal = null;
            return keepDecoding();
        }
        Transaction current = transaction;
        if (current.bdatRefusal != null) {
            // RFC 3030 §2: after a failed chunk the transaction is over; the client must RSET.
            if (current.disconnectAfterChunk) {
                disconnect(current.bdatRefusal);
            } else if (current.bdatLast) {
                endOfBodyReply(current.bdatRefusal, current.recipients.size());
            } else {
                reply(current.bdatRefusal);
            }
            resetTransaction();
            return keepDecoding();
        }
        current.bdatSize += chunkSize;
        if (current.bdatLast) {
            deliver();
        } else {
            reply(SmtpReply.of(250, "2.0.0", chunkSize + " octets received"));
        }
        return keepDecoding();
    }

    /** The body is complete and clean: the 250 waits for the sink (nothing acknowledged is lost). */
    private void deliver() {
        Transaction done = transaction;
        CompletionStage<DeliveryResult> stored = done.body == null
                ? CompletableFuture.completedFuture(DeliveryResult.delivered())
                : done.body.finish();
        transaction = null;
        decoder.utf8PathsAllowed(false);
        BodySink sink = done.body;
        done.body = null;
        after(stored, result -> {
            deliveryReplies(result, done.recipients.size()).forEach(this::reply);
            if (shutdownRequested) {
                disconnect(Replies.SHUTTING_DOWN);
            }
        }, failure -> {
            if (sink != null) {
                // A timed-out store may still finish: tell the sink to drop it, or the client's retry
                // would deliver the message twice.
                sink.abort();
            }
            endOfBodyReply(Replies.LOCAL_ERROR, done.recipients.size());
        });
    }

    /**
     * The reply to the end of a body that was not delivered: RFC 2033 §4.2 wants one per accepted
     * recipient in LMTP, or the client reads the next command's reply as a recipient's.
     */
    private void endOfBodyReply(SmtpReply reply, int recipients) {
        int count = config.mode() == SmtpMode.LMTP ? Math.max(1, recipients) : 1;
        for (int i = 0; i < count; i++) {
            reply(reply);
        }
    }

    private List<SmtpReply> deliveryReplies(DeliveryResult result, int recipients) {
        boolean lmtp = config.mode() == SmtpMode.LMTP;
        if (result instanceof DeliveryResult.Delivered delivered) {
            SmtpReply reply = delivered.reply().orElse(Replies.QUEUED);
            return lmtp ? Collections.nCopies(recipients, reply) : List.of(reply);
        }
        if (result instanceof DeliveryResult.Rejected rejected) {
            return lmtp ? Collections.nCopies(recipients, rejected.reply()) : List.of(rejected.reply());
        }
        List<SmtpReply> each = ((DeliveryResult.PerRecipient) result).replies();
        if (each.size() != recipients) {
            LOG.error("session {}: body sink gave {} replies for {} recipients", connection.id(), each.size(), recipients);
            return lmtp ? Collections.nCopies(recipients, Replies.LOCAL_ERROR) : List.of(Replies.LOCAL_ERROR);
        }
        // An SMTP client gets one reply for the message: the first failure, or success.
        return lmtp ? each : List.of(each.stream().filter(r -> !r.isPositive()).findFirst().orElse(Replies.QUEUED));
    }

    private void resetTransaction() {
        if (transaction != null) {
            transaction.abortBody();
            transaction = null;
        }
        decoder.utf8PathsAllowed(false);
        if (shutdownRequested && !closing) {
            disconnect(Replies.SHUTTING_DOWN);
        }
    }

    private SmtpReply vrfyReply() {
        return config.vrfyPolicy() == VrfyPolicy.NON_COMMITTAL ? Replies.VRFY_NON_COMMITTAL : Replies.NOT_IMPLEMENTED;
    }

    // ---- STARTTLS ----

    private void startTls() {
        if (!config.offersStartTls()) {
            reply(Replies.TLS_NOT_AVAILABLE);
        } else if (connection.isSecure()) {
            reply(Replies.TLS_ACTIVE);
        } else if (authenticatedAs.isPresent()) {
            // SECURITY.md row 15 ("NO STARTTLS"): an upgrade after AUTH would bind a TLS session to
            // an identity proven in cleartext.
            reply(Replies.TLS_AFTER_AUTH);
        } else {
            resetTransaction();
            flush();
            connection.startTls(SmtpReplyEncoder.encode(Replies.START_TLS));
            // Stop decoding: a byte after this line and before the handshake is an injection attempt,
            // which the transport answers by closing the connection (CVE-2011-0411).
            switchingToTls = true;
        }
    }

    // ---- AUTH ----

    private void auth(String mechanismName, Optional<String> initialResponse) {
        if (sasl.isEmpty() || !extended) {
            reply(SmtpReply.of(503, "5.5.1", "AUTH not available"));
            return;
        }
        if (authenticatedAs.isPresent()) {
            reply(Replies.ALREADY_AUTHENTICATED);
            return;
        }
        if (transaction != null) {
            reply(Replies.AUTH_IN_TRANSACTION);
            return;
        }
        Optional<SaslMechanism> mechanism = SaslMechanism.fromWireName(mechanismName);
        if (mechanism.isEmpty()) {
            reply(Replies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        if (!advertisedMechanisms().contains(mechanism.get())) {
            // RFC 4954 §4: a cleartext mechanism refused only for want of TLS gets 538.
            boolean offeredUnderTls = sasl.get().advertised(true, true).contains(mechanism.get());
            reply(offeredUnderTls && !connection.isSecure() ? Replies.AUTH_NEEDS_TLS : Replies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        Optional<byte[]> first;
        if (initialResponse.isEmpty()) {
            first = Optional.empty();
        } else if (initialResponse.get().equals("=")) {
            first = Optional.of(new byte[0]);
        } else {
            Optional<byte[]> decoded = base64(initialResponse.get());
            if (decoded.isEmpty()) {
                reply(Replies.AUTH_BAD_BASE64);
                return;
            }
            first = decoded;
        }
        Optional<SaslServerExchange> exchange = sasl.get().start(mechanism.get(), config.hostname());
        if (exchange.isEmpty()) {
            reply(Replies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        authExchange = exchange.get();
        // One deadline for the whole exchange: continuation lines do not re-arm it (SECURITY.md row 6).
        connection.armDeadline(config.timeouts().login());
        after(authExchange.start(first), this::authStep, this::authenticatorFailed);
    }

    @Override
    public boolean authResponse(String line) {
        if (line.equals("*")) {
            // RFC 4954 §4: the client cancels the exchange.
            authExchange = null;
            authSuccessPending = null;
            reply(Replies.AUTH_CANCELLED);
            return keepDecoding();
        }
        if (authSuccessPending != null) {
            String identity = authSuccessPending;
            authSuccessPending = null;
            authExchange = null;
            if (line.isEmpty()) {
                authenticated(identity);
            } else {
                authFailed();
            }
            return keepDecoding();
        }
        Optional<byte[]> response = base64(line);
        if (response.isEmpty() || authExchange == null) {
            authExchange = null;
            reply(Replies.AUTH_BAD_BASE64);
            return keepDecoding();
        }
        after(authExchange.respond(response.get()), this::authStep, this::authenticatorFailed);
        return keepDecoding();
    }

    private void authStep(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            reply(SmtpReply.of(334, null, Base64.getEncoder().encodeToString(challenge.data())));
            decoder.expectAuthResponse();
        } else if (step instanceof SaslStep.Success success) {
            if (success.additionalData().length > 0) {
                // RFC 4954 §4: additional data with success travels in a 334; the client answers
                // with an empty line and only then gets 235.
                authSuccessPending = success.identity();
                reply(SmtpReply.of(334, null, Base64.getEncoder().encodeToString(success.additionalData())));
                decoder.expectAuthResponse();
            } else {
                authExchange = null;
                authenticated(success.identity());
            }
        } else if (step instanceof SaslStep.Failure failure) {
            authExchange = null;
            switch (failure.reason()) {
                case BAD_CREDENTIALS -> authFailed();
                case TEMPORARY -> reply(Replies.AUTH_TEMPORARY);
                case MALFORMED -> reply(Replies.AUTH_MALFORMED);
                case UNSUPPORTED -> reply(Replies.AUTH_UNKNOWN_MECHANISM);
            }
        }
    }

    private void authenticatorFailed(Throwable cause) {
        authExchange = null;
        authSuccessPending = null;
        reply(Replies.AUTH_TEMPORARY);
    }

    private void authenticated(String identity) {
        after(config.hooks().onAuthenticated(info(), identity), result -> {
            if (result instanceof HookResult.Reject rejected) {
                authFailures++;
                reply(rejected.reply());
                if (authFailures >= config.maxAuthFailures()) {
                    disconnect(Replies.TOO_MANY_AUTH_FAILURES);
                }
            } else if (result instanceof HookResult.Disconnect disconnect) {
                disconnect(disconnect.reply());
            } else {
                authenticatedAs = Optional.of(identity);
                LOG.info("session {} from {}: authenticated", connection.id(),
                        connection.remoteAddress().getAddress().getHostAddress());
                reply(Replies.AUTH_OK);
            }
        });
    }

    private void authFailed() {
        authFailures++;
        LOG.info("session {} from {}: authentication failed ({} of {})", connection.id(),
                connection.remoteAddress().getAddress().getHostAddress(), authFailures, config.maxAuthFailures());
        // A delay before the 535 slows password guessing; the connection does not read meanwhile.
        long delay = config.authFailureDelay().toMillis();
        CompletionStage<Void> delayed = delay == 0 ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        after(delayed, ignored -> {
            if (authFailures >= config.maxAuthFailures()) {
                disconnect(Replies.TOO_MANY_AUTH_FAILURES);
            } else {
                reply(Replies.AUTH_FAILED);
            }
        }, this::hookFailed, false);
    }

    private static Optional<byte[]> base64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    // ---- plumbing ----

    /** Applies a hook's verdict; {@code accepted} changes the state and returns the default reply. */
    private void decide(HookResult result, java.util.function.Supplier<SmtpReply> accepted) {
        if (result instanceof HookResult.Reject rejected) {
            reply(rejected.reply());
        } else if (result instanceof HookResult.Disconnect disconnect) {
            disconnect(disconnect.reply());
        } else if (result instanceof HookResult.Accept accept) {
            SmtpReply standard = accepted.get();
            reply(accept.reply().orElse(standard));
        } else {
            reply(accepted.get());
        }
    }

    /**
     * Runs {@code then} when {@code stage} completes: at once if it already has, else later in this
     * connection's callback context, with reading suspended meanwhile and the replies so far flushed.
     */
    private <T> void after(CompletionStage<T> stage, Consumer<T> then) {
        after(stage, then, this::hookFailed, true);
    }

    private <T> void after(CompletionStage<T> stage, Consumer<T> then, Consumer<Throwable> failed) {
        after(stage, then, failed, true);
    }

    /**
     * Runs {@code then} when {@code stage} completes (or {@code failed} when it fails or, for user
     * code, times out): at once if it already has, else later in this connection's callback context,
     * with reading suspended meanwhile and the replies so far flushed.
     */
    private <T> void after(CompletionStage<T> stage, Consumer<T> then, Consumer<Throwable> failed, boolean userCode) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone()) {
            complete(future, then, failed);
            return;
        }
        waiting = true;
        connection.suspendReading();
        flush();
        CompletableFuture<T> bounded = userCode
                ? future.copy().orTimeout(config.timeouts().hook().toMillis(), TimeUnit.MILLISECONDS)
                : future;
        bounded.whenComplete((value, failure) -> connection.execute(() -> {
            waiting = false;
            if (closing) {
                return;
            }
            complete(future.isDone() ? future : CompletableFuture.failedFuture(failure), then, failed);
            if (!waiting && !closing && !switchingToTls) {
                // A mode switch made here (BDAT 0 LAST) can complete an event with no more input.
                decoder.decode(EMPTY, this);
            }
            flush();
            if (!waiting && !closing && !switchingToTls && !writeBlocked) {
                connection.resumeReading();
            }
        }));
    }

    private <T> void complete(CompletableFuture<T> done, Consumer<T> then, Consumer<Throwable> failed) {
        T value;
        try {
            value = done.join();
        } catch (RuntimeException failure) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            // The class only: a user exception's message may carry what the client sent.
            LOG.warn("session {}: a hook or body sink failed: {}", connection.id(), cause.getClass().getName());
            failed.accept(cause);
            return;
        }
        then.accept(value);
    }

    /** The default for a failed hook: a temporary failure for that one command; the session goes on. */
    private void hookFailed(Throwable cause) {
        authExchange = null;
        authSuccessPending = null;
        reply(Replies.LOCAL_ERROR);
    }

    private void countBadCommand() {
        if (++badCommands >= config.maxBadCommands()) {
            disconnect(Replies.TOO_MANY_ERRORS);
        }
    }

    private void reply(SmtpReply reply) {
        if (!closing) {
            pendingReplies.add(SmtpReplyEncoder.encode(reply));
        }
    }

    private void disconnect(SmtpReply reply) {
        reply(reply);
        flush();
        closing = true;
        connection.clearDeadline();
        connection.close();
    }

    /** Writes the collected replies in one go, and waits for the next command with a deadline. */
    private void flush() {
        if (pendingReplies.isEmpty()) {
            return;
        }
        int total = pendingReplies.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer batch = ByteBuffer.allocate(total);
        pendingReplies.forEach(batch::put);
        pendingReplies.clear();
        unsentReplyBytes.addAndGet(total);
        connection.write(batch.flip()).whenComplete((sent, failure) -> {
            if (unsentReplyBytes.addAndGet(-total) <= MAX_UNSENT_REPLY_BYTES / 2 && writeBlocked) {
                connection.execute(this::writeDrained);
            }
        });
        if (writeBacklogged() && !writeBlocked) {
            writeBlocked = true;
            connection.suspendReading();
            // The writes may all have completed before the flag was set: look again.
            if (unsentReplyBytes.get() <= MAX_UNSENT_REPLY_BYTES / 2) {
                connection.execute(this::writeDrained);
            }
        }
        armCommandDeadline();
    }

    private boolean writeBacklogged() {
        return unsentReplyBytes.get() > MAX_UNSENT_REPLY_BYTES;
    }

    private void writeDrained() {
        if (!writeBlocked || unsentReplyBytes.get() > MAX_UNSENT_REPLY_BYTES / 2) {
            return;
        }
        writeBlocked = false;
        if (!waiting && !closing && !switchingToTls) {
            connection.resumeReading();
        }
    }

    private void armCommandDeadline() {
        if (!closing && !waiting && decoder.mode() == SmtpCommandDecoder.Mode.COMMAND) {
            connection.armDeadline(config.timeouts().command());
        }
    }

    private SessionInfo info() {
        return new SessionInfo(connection.id(), connection.remoteAddress(), connection.localAddress(),
                heloName, extended, connection.tlsDetails(), authenticatedAs);
    }
}
