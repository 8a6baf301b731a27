package org.mailwire.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever is written, in whatever batches, flushes and read chunking, comes out the same. */
class DeflateStreamsProperties {

    @Property(tries = 200)
    void batchesRoundTripThroughAnyChunking(@ForAll("batches") List<byte[]> batches,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 70_000) Integer> chunkSizes,
            @ForAll List<Boolean> resets) throws DataFormatException {
        OutboundDeflater deflater = new OutboundDeflater();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (int i = 0; i < batches.size(); i++) {
            plain.writeBytes(batches.get(i));
            boolean reset = !resets.isEmpty() && resets.get(i % resets.size());
            compressed.writeBytes(DeflateStreamsTest.join(deflater.deflate(ByteBuffer.wrap(batches.get(i)), reset)));
        }
        deflater.release();
        byte[] wire = compressed.toByteArray();

        InboundInflater inflater = new InboundInflater();
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        int offset = 0;
        for (int i = 0; offset < wire.length; i++) {
            int size = Math.min(chunkSizes.get(i % chunkSizes.size()), wire.length - offset);
            inflater.add(ByteBuffer.wrap(wire, offset, size));
            offset += size;
            inflated.writeBytes(DeflateStreamsTest.drain(inflater));
        }
        inflater.release();
        assertArrayEquals(plain.toByteArray(), inflated.toByteArray());

        // The JDK's own inflater reads the same stream: it is plain raw DEFLATE.
        Inflater jdk = new Inflater(true);
        jdk.setInput(wire);
        byte[] out = new byte[plain.size() + 1];
        int n = 0;
        for (int i = 0; i < 1000 && n < plain.size(); i++) {
            n += jdk.inflate(out, n, out.length - n);
        }
        jdk.end();
        assertArrayEquals(plain.toByteArray(), java.util.Arrays.copyOf(out, n));
    }

    @Provide
    Arbitrary<List<byte[]>> batches() {
        Arbitrary<byte[]> text = Arbitraries.strings().withChars("* OK FETCH ()\r\n0123456789abc")
                .ofMaxLength(3000).map(s -> s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(100_000);
        return Arbitraries.oneOf(text, text, noise).list().ofMaxSize(20);
    }
}
