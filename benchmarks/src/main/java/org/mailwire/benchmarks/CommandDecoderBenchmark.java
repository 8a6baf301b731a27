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
 * The server's command decoder over a pipelined command stream (RFC 2920): EHLO, MAIL with SIZE,
 * BODY and DSN parameters, ten RCPT (some with NOTIFY and ORCPT), RSET, repeated to 64 KiB and fed
 * in socket-sized chunks. One op decodes the whole stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommandDecoderBenchmark {

    @Param("65536")
    public int streamBytes;

    @Param("8192")
    public int chunkSize;

    SmtpTraffic.Commands stream;
    private ChunkedInput input;
    private SmtpCommandDecoder decoder;
    final CommandCounter sink = new CommandCounter();

    @Setup
    public void setup() {
        stream = SmtpTraffic.commandStream(streamBytes);
        input = new ChunkedInput(stream.bytes(), chunkSize);
        decoder = new SmtpCommandDecoder(SmtpDecoderConfig.defaults());
    }

    @Benchmark
    public CommandCounter decodeCommands(Volume volume) {
        sink.clear();
        for (int i = 0; i < input.count(); i++) {
            decoder.decode(input.chunk(i), sink);
        }
        volume.add(input.length(), sink.commands);
        return sink;
    }

    /** Keeps the last command (so none is optimised away) and counts. */
    public static final class CommandCounter implements SmtpServerSink {
        int commands;
        int invalid;
        Object last;

        void clear() {
            commands = 0;
            invalid = 0;
        }

        @Override
        public boolean command(SmtpCommand command) {
            commands++;
            last = command;
            return true;
        }

        @Override
        public boolean invalidCommand(CommandViolation violation) {
            invalid++;
            last = violation;
            return true;
        }

        @Override
        public boolean authResponse(String line) {
            throw new AssertionError("no AUTH in this stream");
        }

        @Override
        public boolean dataChunk(ByteBuffer chunk) {
            throw new AssertionError("no DATA in this stream");
        }

        @Override
        public boolean dataEnd(DataOutcome outcome) {
            throw new AssertionError("no DATA in this stream");
        }

        @Override
        public boolean bdatChunk(ByteBuffer chunk) {
            throw new AssertionError("no BDAT in this stream");
        }

        @Override
        public boolean bdatEnd(long chunkSize) {
            throw new AssertionError("no BDAT in this stream");
        }
    }
}
