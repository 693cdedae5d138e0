package io.strand.common.protocol.types;

/**
 * Raised while reading a struct; carries the path of the field being read as the stack unwinds.
 * The message codec turns it into a {@link io.strand.common.errors.ProtocolDecodeException}
 * that also names the API and version.
 */
public final class DecodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private String path = "";

    public DecodeFailure(String detail) {
        super(detail, null, false, false);
    }

    public DecodeFailure(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }

    /** Adds an enclosing field name in front of the path collected so far. */
    DecodeFailure within(String fieldName) {
        path = path.isEmpty() || path.startsWith("[") ? fieldName + path : fieldName + "." + path;
        return this;
    }

    /** Marks the failure as inside element {@code index} of the array being read. */
    DecodeFailure atIndex(int index) {
        path = "[" + index + "]" + (path.isEmpty() || path.startsWith("[") ? path : "." + path);
        return this;
    }

    public String path() {
        return path;
    }
}
