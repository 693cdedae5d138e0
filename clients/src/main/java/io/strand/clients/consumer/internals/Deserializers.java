package io.strand.clients.consumer.internals;

import io.strand.common.header.Headers;
import io.strand.common.record.Record;
import io.strand.common.serialization.Deserializer;
import io.strand.common.utils.Utils;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The key and value deserializers, and whether each may keep the buffer it is given.
 *
 * <p>Uncompressed record bytes are views of the fetch response frame, which goes back to the
 * pool once its records are handed out. A deserializer that keeps such a view (as
 * ByteBufferDeserializer does, by design) would hand the application memory that is reused; it
 * gets a heap copy of the bytes instead. Deserializers known to only read the bytes, and those
 * that use the default (which copies into a byte[]), get the view itself: no copy.
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

    final Deserializer<K> key;
    final Deserializer<V> value;
    final boolean copyKeys;
    final boolean copyValues;
    /**
     * Whether the deserializer takes the bytes as an array anyway (it keeps Deserializer's
     * default buffer method, which copies into one): the record's bytes are then copied straight
     * into the array it gets, with no buffer view made per record on the way.
     */
    final boolean keysAsArrays;
    final boolean valuesAsArrays;

    public Deserializers(Deserializer<K> key, Deserializer<V> value) {
        this.key = key;
        this.value = value;
        this.copyKeys = mayKeepBuffer(key);
        this.copyValues = mayKeepBuffer(value);
        this.keysAsArrays = wantsArray(key);
        this.valuesAsArrays = wantsArray(value);
    }

    K key(String topic, Headers headers, Record record) {
        return keysAsArrays ? key.deserialize(topic, headers, record.keyArray())
            : key.deserialize(topic, headers, forDeserializer(record.key(), copyKeys));
    }

    V value(String topic, Headers headers, Record record) {
        return valuesAsArrays ? value.deserialize(topic, headers, record.valueArray())
            : value.deserialize(topic, headers, forDeserializer(record.value(), copyValues));
    }

    /** Whether the deserializer's deserialize(String, Headers, ByteBuffer) is Deserializer's default. */
    static boolean wantsArray(Deserializer<?> d) {
        return bufferMethodOwner(d) == Deserializer.class;
    }

    /** Whether the deserializer's own deserialize(String, Headers, ByteBuffer) could return or keep the buffer. */
    static boolean mayKeepBuffer(Deserializer<?> d) {
        Class<?> owner = bufferMethodOwner(d);
        return owner != Deserializer.class && !READ_ONLY.contains(owner.getName());
    }

    /** The class whose deserialize(String, Headers, ByteBuffer) the deserializer runs. */
    private static Class<?> bufferMethodOwner(Deserializer<?> d) {
        try {
            return d.getClass().getMethod("deserialize", String.class, Headers.class, ByteBuffer.class).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("every Deserializer has deserialize(String, Headers, ByteBuffer)", e);
        }
    }

    /** The bytes as the deserializer may see them: the view, or a heap copy that nothing else shares. */
    static ByteBuffer forDeserializer(ByteBuffer bytes, boolean copy) {
        if (bytes == null || !copy) {
            return bytes;
        }
        return heapCopy(bytes);
    }

    static ByteBuffer heapCopy(ByteBuffer bytes) {
        byte[] b = Utils.toNullableArray(bytes);
        return b == null ? null : ByteBuffer.wrap(b);
    }
}
