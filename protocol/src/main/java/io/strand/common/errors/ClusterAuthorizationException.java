package io.strand.common.errors;

/** The principal lacks the cluster-level permission the operation needs. */
public class ClusterAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    public ClusterAuthorizationException(String message) {
        super(message);
    }

    public ClusterAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
