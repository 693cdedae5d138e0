package io.strand.common;

/** Which records a reader sees: all, or only those of committed transactions (and non-transactional ones). */
public enum IsolationLevel {
    READ_UNCOMMITTED((byte) 0), READ_COMMITTED((byte) 1);

    private final byte id;

    IsolationLevel(byte id) {
        this.id = id;
    }

    /** The value of the Fetch and ListOffsets isolation_level field. */
    public byte id() {
        return id;
    }

    public static IsolationLevel forId(byte id) {
        switch (id) {
            case 0:
                return READ_UNCOMMITTED;
            case 1:
                return READ_COMMITTED;
            default:
                throw new IllegalArgumentException("Unknown isolation level " + id);
        }
    }
}
