package org.mailwire.pop3.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A raw POP3 test client: writes exact bytes and reads status lines and multi-line bodies. */
final class Pop3TestClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Pop3TestClient(int port) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        use(plain);
    }

    static Pop3TestClient implicitTls(int port, SSLContext context) throws IOException {
        Pop3TestClient client = new Pop3TestClient(port);
        client.upgrade(context);
        return client;
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void upgrade(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    /** A smaller receive buffer, so that the server meets a slow reader's TCP window. */
    void receiveBufferSize(int size) throws IOException {
        socket.setReceiveBufferSize(size);
    }

    InputStream input() {
        return in;
    }

    void send(String text) throws IOException {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a command line and returns the status line it got. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return line();
    }

    /** Sends a command and returns its status line, then (if +OK) the body lines, joined by "\n". */
    String multiLine(String line) throws IOException {
        send(line + "\r\n");
        return multiLineReply();
    }

    /** The next status line and, if it is +OK, the (still dot-stuffed) lines up to the ".". */
    String multiLineReply() throws IOException {
        String status = line();
        if (!status.startsWith("+OK")) {
            return status;
        }
        List<String> lines = new ArrayList<>();
        lines.add(status);
        while (true) {
            String next = line();
            if (next.equals(".") || next.equals("<closed>")) {
                return String.join("\n", lines);
            }
            lines.add(next);
        }
    }

    /** The next line without CRLF; "<closed>" at end of stream. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException reset) {
                b = -1;
            }
            if (b < 0) {
                return line.size() == 0 ? "<closed>" : line.toString(StandardCharsets.UTF_8);
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    /** True once the server closed the connection (reading nothing more than what is left). */
    boolean closed() throws IOException {
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
