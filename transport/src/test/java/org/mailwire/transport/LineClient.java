package org.mailwire.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A blocking test client that speaks CRLF lines over a plain socket, upgradable to TLS. */
final class LineClient implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LineClient(Socket socket) throws IOException {
        use(socket);
    }

    static LineClient connect(int port) throws IOException {
        return connect(port, null);
    }

    /** Connects to 127.0.0.1, from {@code source} when given (any 127/8 address works on Linux). */
    static LineClient connect(int port, InetAddress source) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new InetSocketAddress(source, 0));
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
        return new LineClient(socket);
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Layers TLS over the current socket and completes the handshake (the client half of STARTTLS). */
    SSLSocket upgrade(SSLContext context, String host) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
        return tls;
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendLine(String line) throws IOException {
        send(line + "\r\n");
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next CRLF line, or null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
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
    }

    /** The next line, or null at end of stream or when the peer reset the connection. */
    String readLineOrNull() throws IOException {
        try {
            return readLine();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            return null;
        }
    }

    /** True when the server closed the connection (end of stream or reset) before the read timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
