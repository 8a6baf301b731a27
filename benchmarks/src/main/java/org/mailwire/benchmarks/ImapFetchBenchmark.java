package org.mailwire.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.mailwire.imap.codec.ImapResponseDecoder;
import org.mailwire.imap.codec.ImapResponseDecoderConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A client reading the answer to a FETCH of UID, FLAGS, ENVELOPE, BODYSTRUCTURE and the header
 * block of every message of a 10,000-message mailbox ({@link ImapFetchTraffic}): our
 * {@link ImapResponseDecoder} against Angus Mail's IMAP response parser, on the same bytes. One op
 * reads the whole stream, tagged OK included; both keep the envelope and body structure of each
 * message and hand the header octets to a Blackhole.
 *
 * <p>Ours is fed read-only chunks of {@code chunkSize} octets, as a socket read hands them over;
 * the header block is streamed to the sink. Angus reads as its {@link IMAPProtocol} does: a
 * {@code ResponseInputStream} (inside the protocol object, over a ByteArrayInputStream) collects
 * each whole response, literals included, then {@code new IMAPResponse(protocol)} and
 * {@code new FetchResponse(r, fetchItems, protocol)} parse it, as
 * {@code IMAPProtocol.readResponse()} does. The protocol object is built once per op, over the
 * whole stream, with the constructor Angus provides for reading from a stream.
 *
 * <p>Besides {@code bytes} and {@code events} ({@link Volume}), {@link CpuShare} reports the CPU
 * time the benchmark thread got, for reading the rates on a shared machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ImapFetchBenchmark {

    @Param("10000")
    public int messages;

    @Param("16384")
    public int chunkSize;

    ImapFetchTraffic.Fetches stream;
    private ChunkedInput input;
    private ImapResponseDecoder decoder;
    final MailwireFetches mailwireSink = new MailwireFetches();
    final AngusFetches angusSink = new AngusFetches();

    /** Angus writes commands to this; nothing is sent in this benchmark. */
    private static final PrintStream NO_COMMANDS = new PrintStream(OutputStream.nullOutputStream());

    @Setup
    public void setup() {
        stream = ImapFetchTraffic.fetchStream(messages);
        input = new ChunkedInput(stream.bytes(), chunkSize);
        decoder = new ImapResponseDecoder(ImapResponseDecoderConfig.defaults());
    }

    @Benchmark
    public MailwireFetches mailwire(Volume volume, CpuShare cpu, Blackhole blackhole) {
        long start = cpu.now();
        mailwireSink.start(blackhole);
        for (int i = 0; i < input.count(); i++) {
            decoder.decode(input.chunk(i), mailwireSink);
        }
        volume.add(input.length(), mailwireSink.fetches);
        cpu.since(start);
        return mailwireSink;
    }

    @Benchmark
    public AngusFetches angus(Volume volume, CpuShare cpu, Blackhole blackhole)
            throws IOException, ProtocolException {
        long start = cpu.now();
        angusSink.start(blackhole);
        IMAPProtocol protocol = new IMAPProtocol(new ByteArrayInputStream(stream.bytes()), NO_COMMANDS,
                new Properties(), false);
        // One response per message and the tagged OK: the bound is the stream's own length.
        for (int i = 0; i <= messages; i++) {
            IMAPResponse r = new IMAPResponse(protocol);
            if (r.keyEquals("FETCH")) {
                angusSink.fetch(new FetchResponse(r, protocol.getFetchItems(), protocol));
            } else {
                angusSink.other(r);
                if (r.isTagged()) {
                    break;
                }
            }
        }
        volume.add(input.length(), angusSink.fetches);
        cpu.since(start);
        return angusSink;
    }
}
