package io.strand.broker.internals.group;

import io.strand.broker.internals.RequestContext;
import io.strand.common.message.DeleteGroups;
import io.strand.common.message.DescribeGroups;
import io.strand.common.message.ListGroups;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** DescribeGroups, ListGroups and DeleteGroups, every version. */
final class AdminApis {

    /** The only kind of group this coordinator runs, as ListGroups v5+ names it. */
    static final String CLASSIC_TYPE = "classic";

    /**
     * ACL operations on a group, as a bit field by operation code: READ (3), DELETE (6),
     * DESCRIBE (8), DESCRIBE_CONFIGS (10), ALTER_CONFIGS (11). Without an authorizer Kafka
     * reports every operation a group supports, and this broker has none.
     */
    static final int GROUP_OPERATIONS = 1 << 3 | 1 << 6 | 1 << 8 | 1 << 10 | 1 << 11;

    private final GroupAdmin admin;
    private final GroupOwnership ownership;

    AdminApis(GroupAdmin admin, GroupOwnership ownership) {
        this.admin = admin;
        this.ownership = ownership;
    }

    CompletableFuture<Struct> describeGroups(RequestContext ctx, Struct req) {
        short v = ctx.apiVersion();
        boolean withOperations = req.getBoolean(DescribeGroups.Request.INCLUDE_AUTHORIZED_OPERATIONS);
        List<Struct> groups = new ArrayList<>();
        for (String groupId : req.get(DescribeGroups.Request.GROUPS)) {
            Struct g = DescribeGroups.Response.Group.SCHEMA.newStruct();
            g.set(DescribeGroups.Response.Group.GROUP_ID, groupId);
            groups.add(g);
            if (!ownership.owns(groupId, ctx)) {
                g.setShort(DescribeGroups.Response.Group.ERROR_CODE, Errors.NOT_COORDINATOR.code());
                continue;
            }
            GroupAdmin.DescribedGroup d = admin.describe(groupId);
            if (d == null) {
                g.set(DescribeGroups.Response.Group.GROUP_STATE, GroupState.DEAD.wireName());
                if (v >= 6) {
                    // KIP-1043: v6 says the group does not exist instead of describing a Dead one.
                    g.setShort(DescribeGroups.Response.Group.ERROR_CODE, Errors.GROUP_ID_NOT_FOUND.code());
                    g.set(DescribeGroups.Response.Group.ERROR_MESSAGE, "Group " + groupId + " not found.");
                }
                continue;
            }
            g.set(DescribeGroups.Response.Group.GROUP_STATE, d.state().wireName());
            g.set(DescribeGroups.Response.Group.PROTOCOL_TYPE, d.protocolType());
            g.set(DescribeGroups.Response.Group.PROTOCOL_DATA, d.protocolName());
            List<Struct> members = new ArrayList<>(d.members().size());
            for (GroupAdmin.DescribedMember m : d.members()) {
                Struct ms = DescribeGroups.Response.Member.SCHEMA.newStruct();
                ms.set(DescribeGroups.Response.Member.MEMBER_ID, m.memberId());
                ms.set(DescribeGroups.Response.Member.GROUP_INSTANCE_ID, m.groupInstanceId());
                ms.set(DescribeGroups.Response.Member.CLIENT_ID, m.clientId());
                ms.set(DescribeGroups.Response.Member.CLIENT_HOST, m.clientHost());
                ms.set(DescribeGroups.Response.Member.MEMBER_METADATA, m.metadata());
                ms.set(DescribeGroups.Response.Member.MEMBER_ASSIGNMENT, m.assignment());
                members.add(ms);
            }
            g.set(DescribeGroups.Response.Group.MEMBERS, members);
            if (withOperations) {
                g.set(DescribeGroups.Response.Group.AUTHORIZED_OPERATIONS, GROUP_OPERATIONS);
            }
        }
        Struct s = DescribeGroups.DEFINITION.newResponse();
        s.set(DescribeGroups.Response.GROUPS, groups);
        return CompletableFuture.completedFuture(s);
    }

    CompletableFuture<Struct> listGroups(RequestContext ctx, Struct req) {
        Set<GroupState> states = EnumSet.noneOf(GroupState.class);
        List<String> statesFilter = req.get(ListGroups.Request.STATES_FILTER);
        for (String name : statesFilter) {
            GroupState state = GroupState.forWireName(name);
            if (state != null) {
                states.add(state);
            }
        }
        List<String> typesFilter = req.get(ListGroups.Request.TYPES_FILTER);
        boolean classicWanted = typesFilter.isEmpty()
            || typesFilter.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(CLASSIC_TYPE));
        List<GroupAdmin.ListedGroup> listed = !classicWanted ? List.of() : admin.list(g ->
            ownership.owns(g.groupId(), ctx) && (statesFilter.isEmpty() || states.contains(g.state())));
        List<Struct> groups = new ArrayList<>(listed.size());
        for (GroupAdmin.ListedGroup g : listed) {
            Struct gs = ListGroups.Response.ListedGroup.SCHEMA.newStruct();
            gs.set(ListGroups.Response.ListedGroup.GROUP_ID, g.groupId());
            gs.set(ListGroups.Response.ListedGroup.PROTOCOL_TYPE, g.protocolType());
            gs.set(ListGroups.Response.ListedGroup.GROUP_STATE, g.state().wireName());
            gs.set(ListGroups.Response.ListedGroup.GROUP_TYPE, CLASSIC_TYPE);
            groups.add(gs);
        }
        Struct s = ListGroups.DEFINITION.newResponse();
        s.setShort(ListGroups.Response.ERROR_CODE, Errors.NONE.code());
        s.set(ListGroups.Response.GROUPS, groups);
        return CompletableFuture.completedFuture(s);
    }

    CompletableFuture<Struct> deleteGroups(RequestContext ctx, Struct req) {
        List<Struct> results = new ArrayList<>();
        for (String groupId : req.get(DeleteGroups.Request.GROUPS_NAMES)) {
            Errors error = ownership.owns(groupId, ctx) ? admin.delete(groupId) : Errors.NOT_COORDINATOR;
            Struct r = DeleteGroups.Response.DeletableGroupResult.SCHEMA.newStruct();
            r.set(DeleteGroups.Response.DeletableGroupResult.GROUP_ID, groupId);
            r.setShort(DeleteGroups.Response.DeletableGroupResult.ERROR_CODE, error.code());
            results.add(r);
        }
        Struct s = DeleteGroups.DEFINITION.newResponse();
        s.set(DeleteGroups.Response.RESULTS, results);
        return CompletableFuture.completedFuture(s);
    }
}
