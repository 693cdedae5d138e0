package io.strand.broker.internals.group;

import io.strand.broker.internals.RequestContext;
import io.strand.common.message.Heartbeat;
import io.strand.common.message.JoinGroup;
import io.strand.common.message.LeaveGroup;
import io.strand.common.message.SyncGroup;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** JoinGroup, SyncGroup, Heartbeat and LeaveGroup, every version: request Structs in, response Structs out. */
final class MembershipApis {

    private final GroupMembership membership;
    private final GroupOwnership ownership;

    MembershipApis(GroupMembership membership, GroupOwnership ownership) {
        this.membership = membership;
        this.ownership = ownership;
    }

    // ---- JoinGroup --------------------------------------------------------------------------

    CompletableFuture<Struct> joinGroup(RequestContext ctx, Struct req) {
        short v = ctx.apiVersion();
        String groupId = req.get(JoinGroup.Request.GROUP_ID);
        String memberId = req.get(JoinGroup.Request.MEMBER_ID);
        Errors early = groupError(groupId, ctx);
        if (early != Errors.NONE) {
            return done(joinResponse(JoinResult.error(early, memberId), v));
        }
        List<Protocol> protocols = new ArrayList<>();
        for (Struct p : req.get(JoinGroup.Request.PROTOCOLS)) {
            protocols.add(new Protocol(p.get(JoinGroup.Request.Protocol.NAME), p.get(JoinGroup.Request.Protocol.METADATA)));
        }
        int sessionTimeout = req.getInt(JoinGroup.Request.SESSION_TIMEOUT_MS);
        // v0 has no rebalance timeout: the session timeout bounds the rebalance too.
        int rebalanceTimeout = v == 0 ? sessionTimeout : req.getInt(JoinGroup.Request.REBALANCE_TIMEOUT_MS);
        JoinRequest join = new JoinRequest(groupId, memberId, req.get(JoinGroup.Request.GROUP_INSTANCE_ID),
            req.get(JoinGroup.Request.PROTOCOL_TYPE), protocols, sessionTimeout, rebalanceTimeout,
            req.get(JoinGroup.Request.REASON), ctx.clientId() == null ? "" : ctx.clientId(), ctx.clientHost(), v);
        return membership.join(join).thenApply(r -> joinResponse(r, v));
    }

    static Struct joinResponse(JoinResult r, short v) {
        Struct s = JoinGroup.DEFINITION.newResponse();
        s.setShort(JoinGroup.Response.ERROR_CODE, r.error().code());
        s.set(JoinGroup.Response.GENERATION_ID, r.generationId());
        s.set(JoinGroup.Response.PROTOCOL_TYPE, r.protocolType());
        // Nullable from v7; before that "no protocol" is the empty string.
        s.set(JoinGroup.Response.PROTOCOL_NAME, r.protocolName() != null ? r.protocolName() : v >= 7 ? null : "");
        s.set(JoinGroup.Response.LEADER, r.leaderId() == null ? "" : r.leaderId());
        if (v >= 9) {
            s.set(JoinGroup.Response.SKIP_ASSIGNMENT, r.skipAssignment());
        }
        s.set(JoinGroup.Response.MEMBER_ID, r.memberId());
        List<Struct> members = new ArrayList<>(r.members().size());
        for (JoinResult.JoinedMember m : r.members()) {
            Struct ms = JoinGroup.Response.Member.SCHEMA.newStruct();
            ms.set(JoinGroup.Response.Member.MEMBER_ID, m.memberId());
            ms.set(JoinGroup.Response.Member.GROUP_INSTANCE_ID, m.groupInstanceId());
            ms.set(JoinGroup.Response.Member.METADATA, m.metadata());
            members.add(ms);
        }
        s.set(JoinGroup.Response.MEMBERS, members);
        return s;
    }

    // ---- SyncGroup --------------------------------------------------------------------------

    CompletableFuture<Struct> syncGroup(RequestContext ctx, Struct req) {
        short v = ctx.apiVersion();
        String groupId = req.get(SyncGroup.Request.GROUP_ID);
        Errors early = groupError(groupId, ctx);
        if (early != Errors.NONE) {
            return done(syncResponse(SyncResult.error(early)));
        }
        Map<String, byte[]> assignments = new HashMap<>();
        for (Struct a : req.get(SyncGroup.Request.ASSIGNMENTS)) {
            assignments.put(a.get(SyncGroup.Request.Assignment.MEMBER_ID), a.get(SyncGroup.Request.Assignment.ASSIGNMENT));
        }
        return membership.sync(groupId, req.getInt(SyncGroup.Request.GENERATION_ID), req.get(SyncGroup.Request.MEMBER_ID),
                req.get(SyncGroup.Request.GROUP_INSTANCE_ID), req.get(SyncGroup.Request.PROTOCOL_TYPE),
                req.get(SyncGroup.Request.PROTOCOL_NAME), assignments)
            .thenApply(MembershipApis::syncResponse);
    }

    static Struct syncResponse(SyncResult r) {
        Struct s = SyncGroup.DEFINITION.newResponse();
        s.setShort(SyncGroup.Response.ERROR_CODE, r.error().code());
        s.set(SyncGroup.Response.PROTOCOL_TYPE, r.protocolType());
        s.set(SyncGroup.Response.PROTOCOL_NAME, r.protocolName());
        s.set(SyncGroup.Response.ASSIGNMENT, r.assignment());
        return s;
    }

    // ---- Heartbeat --------------------------------------------------------------------------

    CompletableFuture<Struct> heartbeat(RequestContext ctx, Struct req) {
        String groupId = req.get(Heartbeat.Request.GROUP_ID);
        Errors error = groupError(groupId, ctx);
        if (error == Errors.NONE) {
            error = membership.heartbeat(groupId, req.getInt(Heartbeat.Request.GENERATION_ID),
                req.get(Heartbeat.Request.MEMBER_ID), req.get(Heartbeat.Request.GROUP_INSTANCE_ID));
        }
        Struct s = Heartbeat.DEFINITION.newResponse();
        s.setShort(Heartbeat.Response.ERROR_CODE, error.code());
        return done(s);
    }

    // ---- LeaveGroup -------------------------------------------------------------------------

    CompletableFuture<Struct> leaveGroup(RequestContext ctx, Struct req) {
        short v = ctx.apiVersion();
        String groupId = req.get(LeaveGroup.Request.GROUP_ID);
        List<GroupMembership.Leaving> leaving = new ArrayList<>();
        if (v >= 3) {
            for (Struct m : req.get(LeaveGroup.Request.MEMBERS)) {
                leaving.add(new GroupMembership.Leaving(m.get(LeaveGroup.Request.MemberIdentity.MEMBER_ID),
                    m.get(LeaveGroup.Request.MemberIdentity.GROUP_INSTANCE_ID),
                    m.get(LeaveGroup.Request.MemberIdentity.REASON)));
            }
        } else {
            leaving.add(new GroupMembership.Leaving(req.get(LeaveGroup.Request.MEMBER_ID), null, null));
        }
        Struct s = LeaveGroup.DEFINITION.newResponse();
        Errors early = groupError(groupId, ctx);
        if (early != Errors.NONE) {
            s.setShort(LeaveGroup.Response.ERROR_CODE, early.code());
            return done(s);
        }
        List<Errors> errors = membership.leave(groupId, leaving);
        if (v >= 3) {
            List<Struct> members = new ArrayList<>(leaving.size());
            for (int i = 0; i < leaving.size(); i++) {
                Struct ms = LeaveGroup.Response.MemberResponse.SCHEMA.newStruct();
                ms.set(LeaveGroup.Response.MemberResponse.MEMBER_ID, leaving.get(i).memberId());
                ms.set(LeaveGroup.Response.MemberResponse.GROUP_INSTANCE_ID, leaving.get(i).groupInstanceId());
                ms.setShort(LeaveGroup.Response.MemberResponse.ERROR_CODE, errors.get(i).code());
                members.add(ms);
            }
            s.setShort(LeaveGroup.Response.ERROR_CODE, Errors.NONE.code());
            s.set(LeaveGroup.Response.MEMBERS, members);
        } else {
            // One member, no per-member answers: its error is the request's.
            s.setShort(LeaveGroup.Response.ERROR_CODE, errors.get(0).code());
        }
        return done(s);
    }

    // ---- shared -----------------------------------------------------------------------------

    /** Errors decided before the group is looked at: an empty group id, another node's group, shutdown. */
    private Errors groupError(String groupId, RequestContext ctx) {
        if (groupId.isEmpty()) {
            return Errors.INVALID_GROUP_ID;
        }
        if (!ownership.owns(groupId, ctx) || membership.isClosed()) {
            return Errors.NOT_COORDINATOR;
        }
        return Errors.NONE;
    }

    private static CompletableFuture<Struct> done(Struct s) {
        return CompletableFuture.completedFuture(s);
    }
}
