package org.mailwire.transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The client end of a compressed line exchange, on the JDK's own DEFLATE streams rather than the
 * transport's: lines out through a {@link DeflaterOutputStream} flushed after each send, lines in
 * through an {@link InflaterInputStream}. Built on a socket whose cleartext part was read byte by
 * byte, so no compressed byte was read ahead.
 */
final class CompressedLines implements AutoCloseable {
    private static final int MAX_LINE = 4 * 1024 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

    CompressedLines(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DeflaterOutputStream(socket.getOutputStream(), deflater, true);
        this.in = new InflaterInputStream(socket.getInputStream(), inflater, 512);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendLine(String line) throws IOException {
        send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next CRLF line, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int i = 0; i < MAX_LINE; i++) {
            int b;
            try {
                b = in.read();
            } catch (EOFException endOfSocket) {
                b = -1;
            }
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
        throw new AssertionError("line longer than " + MAX_LINE);
    }

    /** True when the server closed the connection before the read timeout. */
    boolean closedByPeer() throws IOException {
        try {
            for (int i = 0; i < MAX_LINE; i++) {
                if (in.read() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException endOrReset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        inflater.end();
        deflater.end();
    }
}
