package io.strand.broker.internals.group;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the topics out of a consumer's JoinGroup metadata (protocol type "consumer"). The
 * coordinator is otherwise blind to member metadata; it looks here only so that OffsetDelete can
 * refuse to drop the offsets of a topic a live group still consumes, as Kafka does.
 *
 * <p>Every version of the subscription starts the same way: int16 version, then an int32 count
 * of int16-length UTF-8 topic names. What follows (user data, owned partitions, generation,
 * rack) is not needed.
 */
final class ConsumerSubscription {

    static final String PROTOCOL_TYPE = "consumer";

    private ConsumerSubscription() {
    }

    /** The subscribed topics. @throws IllegalArgumentException if the metadata is not a subscription */
    static Set<String> topics(byte[] metadata) {
        try {
            ByteBuffer b = ByteBuffer.wrap(metadata);
            short version = b.getShort();
            if (version < 0) {
                throw new IllegalArgumentException("negative subscription version " + version);
            }
            int count = b.getInt();
            if (count < 0 || count > b.remaining() / 2) {
                throw new IllegalArgumentException("subscription claims " + count + " topics");
            }
            Set<String> topics = new HashSet<>();
            for (int i = 0; i < count; i++) {
                int len = b.getShort();
                if (len < 0 || len > b.remaining()) {
                    throw new IllegalArgumentException("topic name of " + len + " bytes with " + b.remaining() + " left");
                }
                byte[] name = new byte[len];
                b.get(name);
                topics.add(new String(name, StandardCharsets.UTF_8));
            }
            return topics;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("subscription metadata ends early", e);
        }
    }
}
