package org.mailwire.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.smtp.SmtpResponse;
import io.netty.handler.codec.smtp.SmtpResponseDecoder;
import java.util.concurrent.TimeUnit;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.codec.ReplyViolation;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.smtp.codec.SmtpReplyDecoder;
import org.mailwire.smtp.codec.SmtpReplySink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Our client's reply decoder against Netty's {@link SmtpResponseDecoder}, on the same replies (a
 * multi-line EHLO reply, MAIL, three RCPT, 354, 250 per round, repeated to 64 KiB) in the same
 * chunks. Both assemble multi-line replies into one object holding the code and the text lines.
 *
 * <p>Netty's decoder runs where Netty users run it: in a pipeline, here an {@link EmbeddedChannel},
 * whose ByteToMessageDecoder joins lines cut by a chunk boundary. Ours is called directly, as our
 * client calls it; it also parses the enhanced status code (RFC 2034) and checks the text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReplyDecoderBenchmark {

    @Param("65536")
    public int streamBytes;

    @Param("8192")
    public int chunkSize;

    SmtpTraffic.Replies stream;
    private ChunkedInput input;
    private SmtpReplyDecoder mailwire;
    final ReplyCounter mailwireSink = new ReplyCounter();

    private ByteBuf[] nettyChunks;
    private EmbeddedChannel netty;
    final NettyReplies nettyReplies = new NettyReplies();

    @Setup
    public void setup() {
        stream = SmtpTraffic.replyStream(streamBytes);
        input = new ChunkedInput(stream.bytes(), chunkSize);
        mailwire = new SmtpReplyDecoder(SmtpDecoderConfig.defaults());

        nettyChunks = new ByteBuf[input.count()];
        for (int i = 0; i < nettyChunks.length; i++) {
            int from = i * chunkSize;
            nettyChunks[i] = Unpooled.wrappedBuffer(stream.bytes(), from, Math.min(chunkSize, stream.bytes().length - from));
        }
        netty = new EmbeddedChannel(new SmtpResponseDecoder(SmtpDecoderConfig.DEFAULT_MAX_REPLY_LINE_LENGTH));
    }

    @TearDown
    public void tearDown() {
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public ReplyCounter mailwire(Volume volume) {
        mailwireSink.clear();
        for (int i = 0; i < input.count(); i++) {
            mailwire.decode(input.chunk(i), mailwireSink);
        }
        volume.add(input.length(), mailwireSink.replies);
        return mailwireSink;
    }

    @Benchmark
    public NettyReplies netty(Volume volume) {
        nettyReplies.clear();
        for (ByteBuf chunk : nettyChunks) {
            // The pipeline releases each buffer it has read; keep ours for the next op.
            chunk.retain().readerIndex(0);
            netty.writeInbound(chunk);
            SmtpResponse response;
            while ((response = netty.readInbound()) != null) {
                nettyReplies.add(response);
            }
        }
        volume.add(input.length(), nettyReplies.replies);
        return nettyReplies;
    }

    /** Counts our replies and their lines; keeps the last one. */
    public static final class ReplyCounter implements SmtpReplySink {
        int replies;
        int lines;
        int invalid;
        Object last;

        void clear() {
            replies = 0;
            lines = 0;
            invalid = 0;
        }

        @Override
        public boolean reply(SmtpReply reply) {
            replies++;
            lines += reply.lines().size();
            last = reply;
            return true;
        }

        @Override
        public boolean invalidReply(ReplyViolation violation) {
            invalid++;
            last = violation;
            return true;
        }
    }

    /** The same for Netty's replies. */
    public static final class NettyReplies {
        int replies;
        int lines;
        Object last;

        void clear() {
            replies = 0;
            lines = 0;
        }

        void add(SmtpResponse response) {
            replies++;
            lines += response.details().size();
            last = response;
        }
    }
}
