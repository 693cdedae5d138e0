package io.strand.examples.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.strand.common.KafkaException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.message.ApiVersions;
import io.strand.common.message.CreateTopics;
import io.strand.common.message.Frames;
import io.strand.common.message.Metadata;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates a topic with one CreateTopics request over a plain socket. Strand has no Admin client
 * yet; when it has, {@code admin.createTopics(...)} replaces this class. Works with the bundled
 * broker and with Kafka 2.8 to 4.x: versions are negotiated with ApiVersions, and the request
 * goes to the controller that Metadata names (a KRaft broker forwards it itself).
 */
final class TopicCreator {

    private static final String CLIENT_ID = "strand-examples";
    private static final long RETRY_MS = 200;

    private TopicCreator() {
    }

    static boolean create(String bootstrapServers, String topic, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaException failure = null;
        for (InetSocketAddress address : BootstrapAddresses.parse(bootstrapServers)) {
            try (Connection bootstrap = Connection.open(address, timeout)) {
                return create(bootstrap, topic, partitions, timeout, deadline);
            } catch (IOException e) {
                failure = new KafkaException("Cannot create topic " + topic + ": no answer from "
                    + address.getHostString() + ":" + address.getPort() + " (" + e.getMessage() + ")", e);
            }
        }
        throw failure;
    }

    private static boolean create(Connection bootstrap, String topic, int partitions, Duration timeout,
                                  long deadline) throws IOException {
        while (true) {
            Struct metadata = bootstrap.call(ApiKeys.METADATA, metadataRequest(List.of()));
            InetSocketAddress controller = controller(metadata);
            Errors error;
            String message;
            try (Connection c = controller == null ? null : Connection.open(controller, timeout)) {
                Connection target = c == null ? bootstrap : c;
                Struct result = target.call(ApiKeys.CREATE_TOPICS, createRequest(target, topic, partitions))
                    .get(CreateTopics.Response.TOPICS).get(0);
                error = Errors.forCode(result.getShort(CreateTopics.Response.TopicResult.ERROR_CODE));
                message = result.get(CreateTopics.Response.TopicResult.ERROR_MESSAGE);
            }
            if (error == Errors.NONE || error == Errors.TOPIC_ALREADY_EXISTS) {
                awaitLeaders(bootstrap, topic, deadline);
                return error == Errors.NONE;
            }
            if (!error.isRetriable() && error != Errors.NOT_CONTROLLER) {
                throw error.exception("Cannot create topic " + topic + " with " + partitions + " partitions: "
                    + (message != null ? message : error.message()));
            }
            pause(deadline, "creating topic " + topic + " (last error " + error + ")");
        }
    }

    /** Waits until Metadata shows every partition of the topic with a leader. */
    private static void awaitLeaders(Connection c, String topic, long deadline) throws IOException {
        while (true) {
            Struct t = c.call(ApiKeys.METADATA, metadataRequest(List.of(topic)))
                .get(Metadata.Response.TOPICS).get(0);
            List<Struct> parts = t.get(Metadata.Response.Topic.PARTITIONS);
            boolean ready = Errors.forCode(t.getShort(Metadata.Response.Topic.ERROR_CODE)) == Errors.NONE
                && !parts.isEmpty()
                && parts.stream().allMatch(p -> p.getInt(Metadata.Response.Partition.LEADER_ID) >= 0);
            if (ready) {
                return;
            }
            pause(deadline, "waiting for the partitions of " + topic + " to have leaders");
        }
    }

    private static Struct metadataRequest(List<String> topics) {
        Struct req = Metadata.DEFINITION.newRequest();
        req.set(Metadata.Request.TOPICS, topics.stream()
            .map(name -> Metadata.Request.Topic.SCHEMA.newStruct().set(Metadata.Request.Topic.NAME, name))
            .toList());
        req.set(Metadata.Request.ALLOW_AUTO_TOPIC_CREATION, false);
        return req;
    }

    private static Struct createRequest(Connection c, String topic, int partitions) throws IOException {
        // A replication factor of -1 (the broker's default) needs v4; before that, one replica.
        short rf = c.version(ApiKeys.CREATE_TOPICS) >= 4 ? (short) -1 : (short) 1;
        Struct t = CreateTopics.Request.Topic.SCHEMA.newStruct()
            .set(CreateTopics.Request.Topic.NAME, topic)
            .set(CreateTopics.Request.Topic.NUM_PARTITIONS, partitions)
            .set(CreateTopics.Request.Topic.REPLICATION_FACTOR, rf)
            .set(CreateTopics.Request.Topic.ASSIGNMENTS, List.of())
            .set(CreateTopics.Request.Topic.CONFIGS, List.of());
        return CreateTopics.DEFINITION.newRequest()
            .set(CreateTopics.Request.TOPICS, List.of(t))
            .set(CreateTopics.Request.TIMEOUT_MS, 30_000)
            .set(CreateTopics.Request.VALIDATE_ONLY, false);
    }

    /** The controller's address, or null when Metadata names none we can reach. */
    private static InetSocketAddress controller(Struct metadata) {
        int id = metadata.getInt(Metadata.Response.CONTROLLER_ID);
        for (Struct b : metadata.get(Metadata.Response.BROKERS)) {
            if (b.getInt(Metadata.Response.Broker.NODE_ID) == id) {
                return InetSocketAddress.createUnresolved(b.get(Metadata.Response.Broker.HOST),
                    b.getInt(Metadata.Response.Broker.PORT));
            }
        }
        return null;
    }

    private static void pause(long deadline, String what) {
        if (System.nanoTime() + RETRY_MS * 1_000_000 > deadline) {
            throw new TimeoutException("Timed out " + what);
        }
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while " + what, e);
        }
    }

    /** One blocking connection; versions come from an ApiVersions v0 exchange when it opens. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final Map<ApiKeys, Short> versions = new HashMap<>();
        private int correlationId;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Connection open(InetSocketAddress address, Duration timeout) throws IOException {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(address.getHostString(), address.getPort()),
                    (int) timeout.toMillis());
                s.setSoTimeout((int) timeout.toMillis());
                Connection c = new Connection(s);
                c.negotiate();
                return c;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        private void negotiate() throws IOException {
            Struct response = exchange(ApiKeys.API_VERSIONS, (short) 0, ApiVersions.DEFINITION.newRequest());
            Errors error = Errors.forCode(response.getShort(ApiVersions.Response.ERROR_CODE));
            if (error != Errors.NONE) {
                throw error.exception("ApiVersions failed: " + error.message());
            }
            for (Struct v : response.get(ApiVersions.Response.API_KEYS)) {
                ApiKeys api = ApiKeys.forId(v.getShort(ApiVersions.Response.ApiVersion.API_KEY));
                if (api == null) {
                    continue;
                }
                short max = (short) Math.min(api.latestVersion(),
                    v.getShort(ApiVersions.Response.ApiVersion.MAX_VERSION));
                short min = (short) Math.max(api.oldestVersion(),
                    v.getShort(ApiVersions.Response.ApiVersion.MIN_VERSION));
                if (min <= max) {
                    versions.put(api, max);
                }
            }
        }

        short version(ApiKeys api) {
            Short v = versions.get(api);
            if (v == null) {
                throw new KafkaException("The broker at " + socket.getRemoteSocketAddress()
                    + " supports no version of " + api.name + " that Strand does");
            }
            return v;
        }

        Struct call(ApiKeys api, Struct body) throws IOException {
            return exchange(api, version(api), body);
        }

        private Struct exchange(ApiKeys api, short version, Struct body) throws IOException {
            int id = ++correlationId;
            ByteBuf frame = Frames.encodeRequest(UnpooledByteBufAllocator.DEFAULT,
                new RequestHeader(api, version, CLIENT_ID, id), body);
            try {
                frame.readBytes(out, frame.readableBytes());
                out.flush();
            } finally {
                frame.release();
            }
            int size = in.readInt();
            if (size < 0 || size > 64 << 20) {
                throw new IOException("Implausible response size " + size + " to " + api.name);
            }
            byte[] bytes = new byte[size];
            in.readFully(bytes);
            return Frames.decodeResponse(Unpooled.wrappedBuffer(bytes), api, version, id);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
