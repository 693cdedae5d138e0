package io.strand.broker.internals.group;

import io.strand.common.protocol.Errors;
import java.util.List;

/** What a JoinGroup request is answered with, before it is shaped for its version. */
record JoinResult(Errors error, String memberId, int generationId, String protocolType, String protocolName,
                  String leaderId, boolean skipAssignment, List<JoinedMember> members) {

    /** A member as the leader sees it: its metadata for the protocol the group selected. */
    record JoinedMember(String memberId, String groupInstanceId, byte[] metadata) {
    }

    static JoinResult error(Errors error, String memberId) {
        return new JoinResult(error, memberId, -1, null, null, "", false, List.of());
    }
}
