package org.mailwire.transport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fake POP3 server on 127.0.0.1 that plays one connection's transcript: it writes what the
 * script says and checks, byte for byte, what the client sent. Every read is bounded by a socket
 * timeout, so a client that waits where the script expects it to write fails the test instead of
 * hanging it. Reads go straight to the socket, never ahead, so a TLS upgrade sees exactly the
 * bytes after the STLS line.
 */
public final class ScriptedServer implements AutoCloseable {
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket listening;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> done;

    private ScriptedServer(ServerSocket listening, Script script) {
        this.listening = listening;
        this.done = CompletableFuture.runAsync(() -> play(script));
    }

    public static ScriptedServer start(Script script) throws IOException {
        return new ScriptedServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), script);
    }

    /** Implicit TLS (ports 465, 995, 993): the socket is encrypted from the first byte. */
    public static ScriptedServer startImplicitTls(Script script) throws IOException {
        return new ScriptedServer(TestTls.SERVER.createServerSocket(0, InetAddress.getLoopbackAddress()), script);
    }

    public int port() {
        return listening.getLocalPort();
    }

    /** Every line and byte block the server read, in order, for messages. */
    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits for the script to finish and rethrows whatever went wrong on the server side. */
    public void verify() throws Exception {
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof AssertionError assertion) {
                throw new AssertionError(assertion.getMessage() + "; server read " + received(), assertion);
            }
            throw new AssertionError("server script failed: " + cause + "; server read " + received(), cause);
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }

    private void play(Script script) {
        try (Socket accepted = listening.accept()) {
            accepted.setSoTimeout(READ_TIMEOUT_MILLIS);
            Peer peer = new Peer(accepted);
            for (Step step : script.steps) {
                step.run(peer);
            }
            peer.out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One connection as the script sees it; the socket changes on a TLS upgrade. */
    public final class Peer {
        public Socket socket;
        public InputStream in;
        public OutputStream out;

        Peer(Socket socket) throws IOException {
            use(socket);
        }

        public void use(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        public ScriptedServer outer() {
            return ScriptedServer.this;
        }

        /** A CRLF-terminated line without its terminator, or null at end of stream. */
        public String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            for (int i = 0; i < 100_000; i++) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8) + "<EOF>";
                }
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
                previous = b;
            }
            throw new AssertionError("line longer than 100000 bytes");
        }
    }

    @FunctionalInterface
    public interface Step {
        void run(ScriptedServer.Peer peer) throws IOException;
    }

    /** What the server does, in order. Lines are written and expected with CRLF added. */
    public static final class Script {
        private final List<Step> steps = new ArrayList<>();

        public static Script script() {
            return new Script();
        }

        /** Writes these lines in one write. */
        public Script send(String... lines) {
            StringBuilder joined = new StringBuilder();
            for (String line : lines) {
                joined.append(line).append("\r\n");
            }
            byte[] bytes = joined.toString().getBytes(StandardCharsets.UTF_8);
            return sendBytes(bytes);
        }

        public Script sendBytes(byte[] bytes) {
            steps.add(peer -> {
                peer.out.write(bytes);
                peer.out.flush();
            });
            return this;
        }

        /** Reads one line per argument and checks each exactly. */
        public Script expect(String... lines) {
            for (String line : lines) {
                steps.add(peer -> {
                    String got = peer.readLine();
                    record(peer, got);
                    if (!line.equals(got)) {
                        throw new AssertionError("expected <" + line + "> but the client sent <" + got + ">");
                    }
                });
            }
            return this;
        }

        /** Reads one line and checks it starts with {@code prefix} (for lines with variable parts). */
        public Script expectPrefix(String prefix) {
            steps.add(peer -> {
                String got = peer.readLine();
                record(peer, got);
                if (got == null || !got.startsWith(prefix)) {
                    throw new AssertionError("expected a line starting <" + prefix + "> but the client sent <" + got + ">");
                }
            });
            return this;
        }

        /** Reads exactly {@code expected.length} bytes and checks them. */
        public Script expectBytes(byte[] expected) {
            steps.add(peer -> {
                byte[] got = peer.in.readNBytes(expected.length);
                record(peer, "<" + got.length + " bytes>");
                if (!Arrays.equals(expected, got)) {
                    throw new AssertionError("expected bytes <" + printable(expected) + "> but the client sent <"
                            + printable(got) + ">");
                }
            });
            return this;
        }

        /** Reads until end of stream and checks the client sent nothing more. */
        public Script expectEnd() {
            steps.add(peer -> {
                int b;
                try {
                    b = peer.in.read();
                } catch (java.net.SocketException reset) {
                    b = -1;
                }
                if (b >= 0) {
                    String rest = (char) b + String.valueOf(peer.readLine());
                    record(peer, rest);
                    throw new AssertionError("expected the client to close, but it sent <" + rest + ">");
                }
            });
            return this;
        }

        /** Upgrades to TLS as a server does after writing its STARTTLS/STLS go-ahead. */
        public Script startTls() {
            steps.add(peer -> peer.use(TestTls.SERVER.startTls(peer.socket, READ_TIMEOUT_MILLIS)));
            return this;
        }

        /** Drops the connection at once. */
        public Script hangUp() {
            steps.add(peer -> peer.socket.close());
            return this;
        }

        /** Any step of the test's own, e.g. reading a body of a size computed at run time. */
        public Script then(Step step) {
            steps.add(step);
            return this;
        }

        private static void record(Peer peer, String what) {
            peer.outer().received.add(what);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            switch (b) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                default -> s.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
            }
        }
        return s.toString();
    }
}
