package io.strand.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.strand.common.message.Frames;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A blocking, one-request-at-a-time Kafka protocol client for tests that need exact bytes on the wire. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a request and reads its response. */
    Struct call(ApiKeys api, int version, Struct body) throws IOException {
        int id = send(api, version, body);
        return Frames.decodeResponse(Unpooled.wrappedBuffer(readFrame()), api, (short) version, id);
    }

    /** Sends a request without reading; returns its correlation id. */
    int send(ApiKeys api, int version, Struct body) throws IOException {
        int id = ++correlationId;
        ByteBuf frame = Frames.encodeRequest(ByteBufAllocator.DEFAULT,
            new RequestHeader(api, (short) version, "raw-test", id), body);
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            writeRaw(bytes);
        } finally {
            frame.release();
        }
        return id;
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next response frame, size prefix removed. */
    byte[] readFrame() throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    /** Whether the broker closes the connection within the socket timeout (reading any bytes it sends first). */
    boolean closedByBroker() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    void timeoutMs(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
