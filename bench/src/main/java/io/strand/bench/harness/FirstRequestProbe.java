package io.strand.bench.harness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The first requests a client sends to a new broker, ApiVersions v0 then Metadata v0 (all
 * topics), written by hand on a plain socket so that timing a broker's start-up loads no client
 * code. Each answer is checked: correlation id, no error, at least one broker in the metadata.
 */
final class FirstRequestProbe {

    private static final short API_VERSIONS = 18;
    private static final short METADATA = 3;
    private static final byte[] CLIENT_ID = "strand-startup-probe".getBytes(StandardCharsets.US_ASCII);

    /** Nanosecond timestamps (System.nanoTime) at which the two answers arrived. */
    record Served(long apiVersionsAt, long metadataAt) {
    }

    private FirstRequestProbe() {
    }

    static Served run(String host, int port, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Socket socket = connect(host, port, deadline)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            write(out, API_VERSIONS, 1, new byte[0]);
            ByteBuffer apiVersions = read(in, 1);
            long apiVersionsAt = System.nanoTime();
            short error = apiVersions.getShort();
            int apis = apiVersions.getInt();
            if (error != 0 || apis <= 0) {
                throw new IOException("ApiVersions answered error " + error + " with " + apis + " APIs");
            }

            write(out, METADATA, 2, new byte[] {0, 0, 0, 0});
            ByteBuffer metadata = read(in, 2);
            long metadataAt = System.nanoTime();
            int brokers = metadata.getInt();
            if (brokers <= 0) {
                throw new IOException("Metadata listed no broker");
            }
            return new Served(apiVersionsAt, metadataAt);
        }
    }

    /** The broker may still be binding its port: retry refused connections until the deadline. */
    private static Socket connect(String host, int port, long deadline) throws IOException {
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), 1000);
                return s;
            } catch (ConnectException e) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** A request with header v1 (api key, version 0, correlation id, client id) and the given body. */
    private static void write(DataOutputStream out, short apiKey, int correlationId, byte[] body) throws IOException {
        out.writeInt(2 + 2 + 4 + 2 + CLIENT_ID.length + body.length);
        out.writeShort(apiKey);
        out.writeShort(0);
        out.writeInt(correlationId);
        out.writeShort(CLIENT_ID.length);
        out.write(CLIENT_ID);
        out.write(body);
        out.flush();
    }

    /** A response with header v0; returns its body after checking the correlation id. */
    private static ByteBuffer read(DataInputStream in, int correlationId) throws IOException {
        int size = in.readInt();
        if (size < 4 || size > 1 << 20) {
            throw new IOException("Implausible response size " + size);
        }
        byte[] frame = new byte[size];
        in.readFully(frame);
        ByteBuffer buf = ByteBuffer.wrap(frame);
        int got = buf.getInt();
        if (got != correlationId) {
            throw new IOException("Expected correlation id " + correlationId + ", got " + got);
        }
        return buf;
    }
}
