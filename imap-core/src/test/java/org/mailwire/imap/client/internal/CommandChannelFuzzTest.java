package org.mailwire.imap.client.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.client.FetchRequest;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.SelectParameters;
import org.mailwire.imap.client.StartTlsPolicy;
import org.mailwire.imap.codec.ImapResponseDecoderConfig;

/**
 * Jazzer target for the client's response handling: whatever a server sends after the greeting,
 * with several commands in flight, nothing escapes the transport callback, and once the channel
 * has failed every operation has completed (exceptionally). Under plain {@code mvn verify} it
 * replays the seeds in
 * {@code src/test/resources/org/mailwire/imap/client/internal/CommandChannelFuzzTestInputs/respond/};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input layout ({@link FuzzedDataProvider}, numbers from the end): the first byte picks which
 * commands are in flight (a bit each), the second the chunk count (1 to 8), then one byte per
 * chunk size; everything before is the server's bytes after the greeting.
 */
class CommandChannelFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void respond(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 255);
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(1, 255);
        }
        byte[] input = data.consumeRemainingAsBytes();

        RecordingConnection connection = new RecordingConnection();
        ImapClientOptions options = ImapClientOptions.builder().startTlsPolicy(StartTlsPolicy.DISABLED)
                .decoderConfig(ImapResponseDecoderConfig.defaults().withMaxLiteral(64))
                .build();
        CommandChannel channel = new CommandChannel(options);
        channel.attach(connection);
        ClientSession session = new ClientSession(options, channel, "localhost", 143);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        pending.add(session.open());
        connection.execute(channel::onOpen);
        deliver(connection, channel, "* OK [CAPABILITY IMAP4rev1 IDLE ESEARCH UIDPLUS] hi\r\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        SequenceSet all = SequenceSet.parse("1:*");
        if ((which & 1) != 0) {
            pending.add(session.select(MailboxName.INBOX, SelectParameters.NONE, false).toCompletableFuture());
        }
        if ((which & 2) != 0) {
            pending.add(session.fetchCollect(FetchRequest.of(all, FetchAttribute.Simple.UID, FetchAttribute.Simple.FLAGS))
                    .toCompletableFuture());
        }
        if ((which & 4) != 0) {
            pending.add(session.search(false, List.of(SearchKey.Simple.ALL)).toCompletableFuture());
        }
        if ((which & 8) != 0) {
            pending.add(session.list("", "*", false).toCompletableFuture());
        }
        if ((which & 16) != 0) {
            pending.add(session.status(MailboxName.INBOX, List.of(StatusItem.MESSAGES)).toCompletableFuture());
        }
        if ((which & 32) != 0) {
            pending.add(session.idle().toCompletableFuture());
        }
        if ((which & 64) != 0) {
            pending.add(session.fetchBody(true, 1, org.mailwire.imap.Section.WHOLE, 32).toCompletableFuture());
        }
        if ((which & 128) != 0) {
            pending.add(session.esearch(true, List.of(), List.of(SearchKey.Simple.ALL)).toCompletableFuture());
        }
        int at = 0;
        for (int i = 0; at < input.length; i = (i + 1) % chunks.length) {
            int n = Math.min(chunks[i], input.length - at);
            byte[] chunk = new byte[n];
            System.arraycopy(input, at, chunk, 0, n);
            deliver(connection, channel, chunk);
            at += n;
        }
        if (channel.failure().isPresent()) {
            for (CompletableFuture<?> f : pending) {
                assertTrue(f.isDone(), "an operation outlived the connection's failure");
            }
        }
    }

    /** Delivers as the transport does: what the handler leaves unconsumed is offered again, first. */
    private static void deliver(RecordingConnection connection, CommandChannel channel, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int round = 0; round < 4 && buffer.hasRemaining() && channel.failure().isEmpty(); round++) {
            connection.execute(() -> channel.onBytes(buffer));
        }
    }
}
