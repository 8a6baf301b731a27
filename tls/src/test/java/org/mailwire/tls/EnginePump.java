package org.mailwire.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** Drives a client and a server engine against each other in memory until both finish the handshake. */
final class EnginePump {

    private static final int MAX_STEPS = 1_000;

    private EnginePump() {
    }

    /** @throws SSLException the first failure of either engine (the client's, when it refuses the certificate) */
    static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize()) * 4;
        ByteBuffer clientToServer = ByteBuffer.allocate(size);
        ByteBuffer serverToClient = ByteBuffer.allocate(size);
        ByteBuffer clientApp = ByteBuffer.allocate(size);
        ByteBuffer serverApp = ByteBuffer.allocate(size);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            boolean progressed = step(client, clientToServer, serverToClient, clientApp);
            progressed |= step(server, serverToClient, clientToServer, serverApp);
            if (finished(client) && finished(server) && clientToServer.position() == 0 && serverToClient.position() == 0) {
                return;
            }
            if (!progressed && finished(client) && finished(server)) {
                return;
            }
        }
        throw new IllegalStateException("handshake did not finish in " + MAX_STEPS + " steps");
    }

    private static boolean finished(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /** @param out the peer's inbound buffer (write mode); @param in this engine's inbound buffer (write mode) */
    private static boolean step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_TASK -> {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                return true;
            }
            case NEED_WRAP -> {
                engine.wrap(ByteBuffer.allocate(0), out);
                return true;
            }
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                try {
                    int before = in.remaining();
                    engine.unwrap(in, app);
                    return in.remaining() != before;
                } finally {
                    in.compact();
                }
            }
            default -> {
                if (in.position() > 0) { // post-handshake messages (TLS 1.3 session tickets)
                    in.flip();
                    try {
                        engine.unwrap(in, app);
                    } finally {
                        in.compact();
                    }
                    return true;
                }
                return false;
            }
        }
    }
}
