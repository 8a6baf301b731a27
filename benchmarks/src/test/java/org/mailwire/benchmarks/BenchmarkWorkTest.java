package org.mailwire.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.smtp.SmtpResponse;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.SmtpReply;

/**
 * Each benchmark, run once or twice outside JMH, does the work it claims: every input decodes
 * into the expected events and nothing is refused. A correctness check, not a timing.
 */
class BenchmarkWorkTest {

    @Test
    void commandStreamDecodesIntoItsCommandsTwice() {
        CommandDecoderBenchmark benchmark = new CommandDecoderBenchmark();
        benchmark.streamBytes = 65536;
        benchmark.chunkSize = 8192;
        benchmark.setup();
        assertTrue(benchmark.stream.bytes().length >= 65536);
        for (int run = 0; run < 2; run++) {
            Volume volume = new Volume();
            CommandDecoderBenchmark.CommandCounter sink = benchmark.decodeCommands(volume);
            assertEquals(0, sink.invalid, () -> "refused: " + sink.last);
            assertEquals(benchmark.stream.commands(), sink.commands);
            assertTrue(sink.last instanceof SmtpCommand.Rset, () -> String.valueOf(sink.last));
            assertEquals(benchmark.stream.bytes().length, volume.bytes);
            assertEquals(sink.commands, volume.events);
        }
    }

    @Test
    void everyMessageDecodesCleanAndUnstuffed() {
        for (int size : new int[] {65536, 1048576}) {
            DataDecoderBenchmark benchmark = new DataDecoderBenchmark();
            benchmark.messageBytes = size;
            benchmark.chunkSize = 8192;
            benchmark.setup();
            SmtpTraffic.Message message = benchmark.message;
            assertTrue(message.stuffedLines() > 10, "some lines are dot-stuffed: " + message.stuffedLines());
            assertTrue(Math.abs(message.unstuffedSize() - size) < 200, size + " vs " + message.unstuffedSize());
            for (int run = 0; run < 2; run++) {
                DataDecoderBenchmark.BodyCounter sink = benchmark.decodeMessage(new Volume());
                assertTrue(sink.outcome.clean(), () -> "violations: " + sink.outcome.violations());
                assertEquals(message.unstuffedSize(), sink.outcome.size());
                assertEquals(message.unstuffedSize(), sink.bodyBytes);
                assertEquals(message.wire().length, message.unstuffedSize() + message.stuffedLines() + 3);
            }
        }
    }

    @Test
    void bothReplyDecodersReadTheSameReplies() {
        ReplyDecoderBenchmark benchmark = new ReplyDecoderBenchmark();
        benchmark.streamBytes = 65536;
        benchmark.chunkSize = 8192;
        benchmark.setup();
        try {
            SmtpTraffic.Replies stream = benchmark.stream;
            for (int run = 0; run < 2; run++) {
                ReplyDecoderBenchmark.ReplyCounter ours = benchmark.mailwire(new Volume());
                assertEquals(0, ours.invalid, () -> "refused: " + ours.last);
                assertEquals(stream.replies(), ours.replies);
                assertEquals(stream.lines(), ours.lines);
                SmtpReply last = (SmtpReply) ours.last;
                assertEquals(250, last.code());
                assertEquals("2.0.0", last.status().orElseThrow().toString());

                ReplyDecoderBenchmark.NettyReplies netty = benchmark.netty(new Volume());
                assertEquals(stream.replies(), netty.replies);
                assertEquals(stream.lines(), netty.lines);
                assertEquals(250, ((SmtpResponse) netty.last).code());
            }
        } finally {
            benchmark.tearDown();
        }
    }
}
