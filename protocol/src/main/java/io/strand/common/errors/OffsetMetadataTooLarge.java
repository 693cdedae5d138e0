package io.strand.common.errors;

/** The metadata string of an offset commit is longer than the broker allows (offset.metadata.max.bytes). */
public class OffsetMetadataTooLarge extends ApiException {
    private static final long serialVersionUID = 1L;

    public OffsetMetadataTooLarge(String message) {
        super(message);
    }

    public OffsetMetadataTooLarge(String message, Throwable cause) {
        super(message, cause);
    }
}
