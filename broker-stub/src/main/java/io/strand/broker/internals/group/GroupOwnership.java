package io.strand.broker.internals.group;

import io.strand.broker.internals.RequestContext;
import java.util.function.ToIntFunction;

/** Which node coordinates a group: requests for groups another node coordinates get NOT_COORDINATOR. */
record GroupOwnership(ToIntFunction<String> coordinatorNodeForGroup) {

    boolean owns(String groupId, RequestContext ctx) {
        return coordinatorNodeForGroup.applyAsInt(groupId) == ctx.nodeId();
    }
}
