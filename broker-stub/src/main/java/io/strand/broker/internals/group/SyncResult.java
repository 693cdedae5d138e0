package io.strand.broker.internals.group;

import io.strand.common.protocol.Errors;

/** What a SyncGroup request is answered with, before it is shaped for its version. */
record SyncResult(Errors error, String protocolType, String protocolName, byte[] assignment) {

    private static final byte[] NO_ASSIGNMENT = new byte[0];

    static SyncResult error(Errors error) {
        return new SyncResult(error, null, null, NO_ASSIGNMENT);
    }
}
