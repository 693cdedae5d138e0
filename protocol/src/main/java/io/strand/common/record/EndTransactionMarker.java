package io.strand.common.record;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;

/**
 * A transaction marker, the one record of a control batch that ends a transaction: its key is
 * the control type (COMMIT or ABORT), its value a version int16 and the coordinator epoch int32.
 */
public final class EndTransactionMarker {

    private static final short CURRENT_VERSION = 0;
    private static final int VALUE_SIZE = 6;

    private final ControlRecordType type;
    private final int coordinatorEpoch;

    public EndTransactionMarker(ControlRecordType type, int coordinatorEpoch) {
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new IllegalArgumentException("A transaction marker is COMMIT or ABORT, not " + type);
        }
        this.type = type;
        this.coordinatorEpoch = coordinatorEpoch;
    }

    public ControlRecordType controlType() {
        return type;
    }

    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    public ByteBuffer value() {
        ByteBuffer value = ByteBuffer.allocate(VALUE_SIZE);
        value.putShort(CURRENT_VERSION).putInt(coordinatorEpoch).flip();
        return value;
    }

    /** Reads a marker from a record of a control batch. */
    public static EndTransactionMarker deserialize(Record record) {
        ControlRecordType type = ControlRecordType.parse(record.key());
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new IllegalArgumentException("Control record at offset " + record.offset() + " is "
                + type + ", not a transaction marker");
        }
        ByteBuffer value = record.value();
        if (value == null || value.remaining() < VALUE_SIZE) {
            throw new CorruptRecordException("Transaction marker at offset " + record.offset()
                + " needs a 6-byte value, has " + (value == null ? "none" : value.remaining() + " bytes"));
        }
        short version = value.getShort(value.position());
        if (version < 0) {
            throw new CorruptRecordException("Transaction marker at offset " + record.offset()
                + " has negative version " + version);
        }
        return new EndTransactionMarker(type, value.getInt(value.position() + 2));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndTransactionMarker && ((EndTransactionMarker) o).type == type
            && ((EndTransactionMarker) o).coordinatorEpoch == coordinatorEpoch;
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + coordinatorEpoch;
    }

    @Override
    public String toString() {
        return "EndTransactionMarker(type=" + type + ", coordinatorEpoch=" + coordinatorEpoch + ")";
    }
}
