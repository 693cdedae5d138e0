package io.strand.common.record;

/** What a record's timestamp means: set by the producer, or by the broker when it appended the batch. */
public enum TimestampType {
    NO_TIMESTAMP_TYPE(-1, "NoTimestampType"),
    CREATE_TIME(0, "CreateTime"),
    LOG_APPEND_TIME(1, "LogAppendTime");

    public final int id;
    public final String name;

    TimestampType(int id, String name) {
        this.id = id;
        this.name = name;
    }

    public static TimestampType forName(String name) {
        for (TimestampType type : values()) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown timestamp type '" + name
            + "' (known: NoTimestampType, CreateTime, LogAppendTime)");
    }

    @Override
    public String toString() {
        return name;
    }
}
