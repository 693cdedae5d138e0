package io.strand.common.errors;

import io.strand.common.KafkaException;

/**
 * Bytes from the network do not form a valid message. Names the API, version and the path of
 * the field being read, so that a bad frame can be traced without a packet capture.
 */
public class ProtocolDecodeException extends KafkaException {
    private static final long serialVersionUID = 1L;

    private final String api;
    private final short version;
    private final String fieldPath;
    private final String detail;

    public ProtocolDecodeException(String api, short version, String fieldPath, String detail, Throwable cause) {
        super(describe(api, version, fieldPath, detail), cause);
        this.api = api;
        this.version = version;
        this.fieldPath = fieldPath;
        this.detail = detail;
    }

    private static String describe(String api, short version, String fieldPath, String detail) {
        StringBuilder sb = new StringBuilder("Malformed ");
        sb.append(api == null ? "message" : api);
        if (version >= 0) {
            sb.append(" v").append(version);
        }
        if (fieldPath != null && !fieldPath.isEmpty()) {
            sb.append(" at field '").append(fieldPath).append('\'');
        }
        return sb.append(": ").append(detail).toString();
    }

    /** The API name, for example "ProduceRequest", or null when the header itself was unreadable. */
    public String api() {
        return api;
    }

    /** The version being read, or -1 when unknown. */
    public short version() {
        return version;
    }

    /** Dotted path of the field, for example "topics.partitions.records". */
    public String fieldPath() {
        return fieldPath;
    }

    public String detail() {
        return detail;
    }
}
