package io.strand.common.record;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;

/**
 * The type in a control record's key (version int16, type int16). Transaction markers are ABORT
 * and COMMIT; the others are KRaft's own and appear only in its internal log. Types added by
 * later versions read as UNKNOWN rather than failing, so that old readers can skip them.
 */
public enum ControlRecordType {
    ABORT((short) 0),
    COMMIT((short) 1),
    LEADER_CHANGE((short) 2),
    SNAPSHOT_HEADER((short) 3),
    SNAPSHOT_FOOTER((short) 4),
    KRAFT_VERSION((short) 5),
    KRAFT_VOTERS((short) 6),
    UNKNOWN((short) -1);

    public static final short CURRENT_KEY_VERSION = 0;
    static final int KEY_SIZE = 4;

    public final short type;

    ControlRecordType(short type) {
        this.type = type;
    }

    public static ControlRecordType fromTypeId(short typeId) {
        for (ControlRecordType t : values()) {
            if (t.type == typeId && t != UNKNOWN) {
                return t;
            }
        }
        return UNKNOWN;
    }

    /** Reads the type from a control record's key; its position is not changed. */
    public static ControlRecordType parse(ByteBuffer key) {
        if (key == null || key.remaining() < KEY_SIZE) {
            throw new CorruptRecordException("Control record key must hold version and type (4 bytes), has "
                + (key == null ? "none" : key.remaining() + " bytes"));
        }
        short version = key.getShort(key.position());
        if (version < 0) {
            throw new CorruptRecordException("Control record key has negative version " + version);
        }
        return fromTypeId(key.getShort(key.position() + 2));
    }

    /** The key a control record of this type carries, at the current key version. */
    public ByteBuffer recordKey() {
        if (this == UNKNOWN) {
            throw new IllegalArgumentException("Cannot write a control record of unknown type");
        }
        ByteBuffer key = ByteBuffer.allocate(KEY_SIZE);
        key.putShort(CURRENT_KEY_VERSION).putShort(type).flip();
        return key;
    }
}
