package io.strand.common;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * A 128-bit identifier as Kafka uses it for topic ids and member ids: printed as URL-safe
 * base64 without padding, so that ids read the same in Strand, Apache Kafka and librdkafka logs.
 */
public final class Uuid implements Comparable<Uuid> {

    /** The all-zero id: "no topic id" on the wire. */
    public static final Uuid ZERO_UUID = new Uuid(0L, 0L);
    /** The id Kafka reserves for the metadata topic; never handed out. */
    public static final Uuid METADATA_TOPIC_ID = new Uuid(0L, 1L);

    private final long mostSignificantBits;
    private final long leastSignificantBits;

    public Uuid(long mostSignificantBits, long leastSignificantBits) {
        this.mostSignificantBits = mostSignificantBits;
        this.leastSignificantBits = leastSignificantBits;
    }

    /**
     * A random id that is neither reserved nor starts with '-' once printed, so that it can
     * be passed on a command line (the same rule as Kafka's).
     */
    public static Uuid randomUuid() {
        while (true) {
            UUID u = UUID.randomUUID();
            Uuid id = new Uuid(u.getMostSignificantBits(), u.getLeastSignificantBits());
            if (!id.equals(ZERO_UUID) && !id.equals(METADATA_TOPIC_ID) && !id.toString().startsWith("-")) {
                return id;
            }
        }
    }

    public long getMostSignificantBits() {
        return mostSignificantBits;
    }

    public long getLeastSignificantBits() {
        return leastSignificantBits;
    }

    /** Parses the 22-character base64 form produced by {@link #toString()}. */
    public static Uuid fromString(String str) {
        if (str.length() > 24) {
            throw new IllegalArgumentException("Input string with prefix `" + str.substring(0, 24)
                + "` is too long to be decoded as a base64 UUID");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(str);
        if (bytes.length != 16) {
            throw new IllegalArgumentException("Input string `" + str + "` decoded as " + bytes.length
                + " bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return new Uuid(buf.getLong(), buf.getLong());
    }

    @Override
    public String toString() {
        ByteBuffer buf = ByteBuffer.allocate(16);
        buf.putLong(mostSignificantBits).putLong(leastSignificantBits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Uuid)) {
            return false;
        }
        Uuid other = (Uuid) o;
        return mostSignificantBits == other.mostSignificantBits && leastSignificantBits == other.leastSignificantBits;
    }

    @Override
    public int hashCode() {
        long x = mostSignificantBits ^ leastSignificantBits;
        return (int) (x >> 32) ^ (int) x;
    }

    @Override
    public int compareTo(Uuid o) {
        int c = Long.compare(mostSignificantBits, o.mostSignificantBits);
        return c != 0 ? c : Long.compare(leastSignificantBits, o.leastSignificantBits);
    }
}
