package io.strand.broker.internals;

import io.strand.common.Uuid;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids the broker makes up (cluster, topic and member ids). They must be unique, not
 * unguessable, so they come from {@link ThreadLocalRandom}: {@link Uuid#randomUuid()} and
 * {@link UUID#randomUUID()} draw on {@code SecureRandom}, whose first use costs a new JVM 10 to
 * 40 ms (provider lookup and seeding), which an embedded broker would pay in every test JVM.
 */
public final class RandomIds {

    private RandomIds() {
    }

    /** A random id that is neither reserved nor printed with a leading '-', like Kafka's. */
    public static Uuid uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            Uuid id = new Uuid(random.nextLong(), random.nextLong());
            if (!id.equals(Uuid.ZERO_UUID) && !id.equals(Uuid.METADATA_TOPIC_ID) && !id.toString().startsWith("-")) {
                return id;
            }
        }
    }

    /** A version 4 (random) {@link UUID}, as Kafka appends to the client id to make a member id. */
    public static UUID uuid4() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb);
    }
}
