package io.strand.broker.internals.group;

import java.util.List;

/** A JoinGroup request, any version, with the caller's identity; {@code rebalanceTimeoutMs} already defaulted for v0. */
record JoinRequest(String groupId, String memberId, String groupInstanceId, String protocolType,
                   List<Protocol> protocols, int sessionTimeoutMs, int rebalanceTimeoutMs, String reason,
                   String clientId, String clientHost, short version) {

    boolean requiresKnownMemberId() {
        // KIP-394: from v4 a new member first gets its id with MEMBER_ID_REQUIRED, then joins with it.
        return version >= 4;
    }

    boolean supportsSkipAssignment() {
        // KIP-814: from v9 a rejoining static leader may be told it leads without having to assign.
        return version >= 9;
    }
}
