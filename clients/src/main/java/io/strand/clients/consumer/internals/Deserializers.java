package io.strand.clients.consumer.internals;

import io.strand.common.header.Headers;
import io.strand.common.record.Record;
import io.strand.common.serialization.Deserializer;
import io.strand.common.utils.Utils;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The key and value deserializers, and the form in which each gets a record's bytes.
 *
 * <p>Uncompressed record bytes are views of the fetch response frame, which goes back to the
 * pool once its records are handed out. A deserializer that keeps such a view (as
 * ByteBufferDeserializer does, by design) would hand the application memory that is reused; it
 * gets a heap copy of the bytes instead. Deserializers known to only read the bytes get the view
 * itself: no copy. Those that keep Deserializer's default buffer method take a byte[] anyway,
 * and get one copied straight from the records, with no view made per record on the way.
 */
public final class Deserializers<K, V> {

    /** Strand's built-in deserializers that read the buffer and keep nothing of it. */
    private static final Set<String> READ_ONLY = Set.of(
        "io.strand.common.serialization.StringDeserializer",
        "io.strand.common.serialization.IntegerDeserializer",
        "io.strand.common.serialization.LongDeserializer",
        "io.strand.common.serialization.ShortDeserializer",
        "io.strand.common.serialization.FloatDeserializer",
        "io.strand.common.serialization.DoubleDeserializer",
        "io.strand.common.serialization.BooleanDeserializer",
        "io.strand.common.serialization.UUIDDeserializer",
        "io.strand.common.serialization.VoidDeserializer");

    /** How a deserializer is given a record's bytes; decided once, from which class implements its buffer method. */
    enum Form {
        /** Deserializer's default buffer method, which copies into a byte[]: the array, copied from the records. */
        ARRAY,
        /** A buffer method known to keep nothing: the view of the response frame. */
        VIEW,
        /** Any other buffer method, which might keep the buffer: a heap copy nothing else shares. */
        HEAP_COPY;

        static Form of(Deserializer<?> d) {
            Class<?> owner = bufferMethodOwner(d);
            if (owner == Deserializer.class) {
                return ARRAY;
            }
            return READ_ONLY.contains(owner.getName()) ? VIEW : HEAP_COPY;
        }

        ByteBuffer buffer(ByteBuffer bytes) {
            return this == HEAP_COPY ? heapCopy(bytes) : bytes;
        }
    }

    final Deserializer<K> key;
    final Deserializer<V> value;
    private final Form keyForm;
    private final Form valueForm;

    public Deserializers(Deserializer<K> key, Deserializer<V> value) {
        this.key = key;
        this.value = value;
        this.keyForm = Form.of(key);
        this.valueForm = Form.of(value);
    }

    K key(String topic, Headers headers, Record record) {
        return keyForm == Form.ARRAY ? key.deserialize(topic, headers, record.keyArray())
            : key.deserialize(topic, headers, keyForm.buffer(record.key()));
    }

    V value(String topic, Headers headers, Record record) {
        return valueForm == Form.ARRAY ? value.deserialize(topic, headers, record.valueArray())
            : value.deserialize(topic, headers, valueForm.buffer(record.value()));
    }

    /** Whether the deserializer's deserialize(String, Headers, ByteBuffer) is Deserializer's default. */
    static boolean wantsArray(Deserializer<?> d) {
        return Form.of(d) == Form.ARRAY;
    }

    /** Whether the deserializer's own deserialize(String, Headers, ByteBuffer) could return or keep the buffer. */
    static boolean mayKeepBuffer(Deserializer<?> d) {
        return Form.of(d) == Form.HEAP_COPY;
    }

    /** The class whose deserialize(String, Headers, ByteBuffer) the deserializer runs. */
    private static Class<?> bufferMethodOwner(Deserializer<?> d) {
        try {
            return d.getClass().getMethod("deserialize", String.class, Headers.class, ByteBuffer.class).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("every Deserializer has deserialize(String, Headers, ByteBuffer)", e);
        }
    }

    /** A heap copy of the bytes that nothing else shares, or null for null. */
    static ByteBuffer heapCopy(ByteBuffer bytes) {
        byte[] b = Utils.toNullableArray(bytes);
        return b == null ? null : ByteBuffer.wrap(b);
    }
}
