package io.strand.common.errors;

/** An AlterPartition request was applied, but the partition's leader changed at the same time. */
public class NewLeaderElectedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public NewLeaderElectedException(String message) {
        super(message);
    }

    public NewLeaderElectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
