package org.mailwire.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/** One-connection servers on 127.0.0.1 for socket tests; every wait is bounded. */
final class Loopback {

    static final int TIMEOUT_MILLIS = 10_000;

    private Loopback() {
    }

    static InetAddress address() {
        return InetAddress.getLoopbackAddress();
    }

    @FunctionalInterface
    interface Handler<T> {
        T handle(Socket accepted) throws Exception;
    }

    /** A server that accepts one connection on {@code listener} and runs {@code handler} on it in a thread. */
    static final class OneShot<T> implements AutoCloseable {
        private final ServerSocket listener;
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        private final Future<T> result;

        OneShot(ServerSocket listener, Handler<T> handler) throws IOException {
            this.listener = listener;
            listener.setSoTimeout(TIMEOUT_MILLIS);
            this.result = executor.submit(() -> {
                try (Socket accepted = listener.accept()) {
                    accepted.setSoTimeout(TIMEOUT_MILLIS);
                    return handler.handle(accepted);
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        T result() throws Exception {
            return result.get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        }

        /** Waits for the handler and ignores how it ended: for servers whose client is expected to abort. */
        void awaitQuietly() {
            try {
                result.get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
            } catch (Exception expected) {
                // the handshake failure on the server side is not what these tests look at
            }
        }

        @Override
        public void close() throws IOException {
            executor.shutdownNow();
            listener.close();
            try {
                executor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What one side saw of a connection. */
    record Seen(String protocol, String cipherSuite, String line) {
    }

    /** Server half of the line exchange: read a line, answer one, report the session. */
    static Seen serveOneLine(Socket accepted) throws IOException {
        SSLSocket socket = (SSLSocket) accepted; // the first read runs the handshake if none ran yet
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        out.write("250 server got " + line + "\r\n");
        out.flush();
        return new Seen(socket.getSession().getProtocol(), socket.getSession().getCipherSuite(), line);
    }

    /** Client half of the line exchange. */
    static Seen exchangeOneLine(SSLSocket socket) throws IOException {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        // no startHandshake(): sockets from ClientTls have completed it, and BCJSSE treats a second
        // call as a renegotiation request, which it refuses; the first write starts it otherwise
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        out.write("EHLO client.test\r\n");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        return new Seen(socket.getSession().getProtocol(), socket.getSession().getCipherSuite(), line);
    }

    /** A server that completes (or fails) the handshake and closes: the client's verdict is what is tested. */
    static Void handshakeAndClose(Socket accepted) throws IOException {
        ((SSLSocket) accepted).startHandshake();
        accepted.getInputStream().read(); // wait for the client to go away
        return null;
    }
}
