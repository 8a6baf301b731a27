package org.mailwire.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.codec.CommandViolation;
import org.mailwire.smtp.codec.DataOutcome;
import org.mailwire.smtp.codec.SmtpCommandDecoder;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.smtp.codec.SmtpServerSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The DATA path of the command decoder: a MIME message (headers, text with dot-stuffed lines, a
 * base64 attachment) up to {@code <CRLF>.<CRLF>}, dot-unstuffed, size-counted and line-checked,
 * fed in socket-sized chunks. One op decodes one message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataDecoderBenchmark {

    @Param({"65536", "1048576"})
    public int messageBytes;

    @Param("8192")
    public int chunkSize;

    SmtpTraffic.Message message;
    private ChunkedInput input;
    private SmtpCommandDecoder decoder;
    final BodyCounter sink = new BodyCounter();

    @Setup
    public void setup() {
        message = SmtpTraffic.message(messageBytes);
        input = new ChunkedInput(message.wire(), chunkSize);
        decoder = new SmtpCommandDecoder(SmtpDecoderConfig.defaults());
    }

    @Benchmark
    public BodyCounter decodeMessage(Volume volume) {
        sink.clear();
        // What the session does once it has replied 354 to DATA.
        decoder.expectData();
        for (int i = 0; i < input.count(); i++) {
            decoder.decode(input.chunk(i), sink);
        }
        volume.add(input.length(), 1);
        return sink;
    }

    /** Counts body octets and chunks; keeps the outcome. */
    public static final class BodyCounter implements SmtpServerSink {
        long bodyBytes;
        int chunks;
        DataOutcome outcome;

        void clear() {
            bodyBytes = 0;
            chunks = 0;
            outcome = null;
        }

        @Override
        public boolean dataChunk(ByteBuffer chunk) {
            bodyBytes += chunk.remaining();
            chunks++;
            return true;
        }

        @Override
        public boolean dataEnd(DataOutcome outcome) {
            this.outcome = outcome;
            return true;
        }

        @Override
        public boolean command(SmtpCommand command) {
            throw new AssertionError("a command inside DATA: " + command);
        }

        @Override
        public boolean invalidCommand(CommandViolation violation) {
            throw new AssertionError("a command inside DATA: " + violation);
        }

        @Override
        public boolean authResponse(String line) {
            throw new AssertionError("no AUTH in DATA");
        }

        @Override
        public boolean bdatChunk(ByteBuffer chunk) {
            throw new AssertionError("no BDAT in DATA");
        }

        @Override
        public boolean bdatEnd(long chunkSize) {
            throw new AssertionError("no BDAT in DATA");
        }
    }
}
