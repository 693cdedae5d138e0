package io.strand.common.header;

/**
 * The headers of one record, in order, keys may repeat. Mirrors Apache Kafka's {@code Headers}:
 * mutable until the record is handed to the producer, read-only afterwards.
 */
public interface Headers extends Iterable<Header> {

    /** Adds a header at the end. @throws IllegalStateException if the headers are read-only */
    Headers add(Header header);

    Headers add(String key, byte[] value);

    /** Removes every header with this key. @throws IllegalStateException if read-only */
    Headers remove(String key);

    /** The last header with this key, or null. */
    Header lastHeader(String key);

    /** All headers with this key, in order. */
    Iterable<Header> headers(String key);

    Header[] toArray();
}
