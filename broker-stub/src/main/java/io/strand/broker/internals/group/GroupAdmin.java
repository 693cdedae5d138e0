package io.strand.broker.internals.group;

import io.strand.common.protocol.Errors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DescribeGroups, ListGroups and DeleteGroups: looking at groups from outside, and removing empty ones. */
final class GroupAdmin {

    private static final Logger log = LoggerFactory.getLogger(GroupAdmin.class);

    record DescribedMember(String memberId, String groupInstanceId, String clientId, String clientHost,
                           byte[] metadata, byte[] assignment) {
    }

    record DescribedGroup(GroupState state, String protocolType, String protocolName, List<DescribedMember> members) {
    }

    record ListedGroup(String groupId, String protocolType, GroupState state) {
    }

    private final GroupRegistry groups;
    private final OffsetStore store;

    GroupAdmin(GroupRegistry groups, OffsetStore store) {
        this.groups = groups;
        this.store = store;
    }

    /**
     * The group as Kafka summarises it, or null if there is none. Member metadata and assignments
     * are only shown when the group is Stable; before that they belong to no settled generation.
     */
    DescribedGroup describe(String groupId) {
        ClassicGroup group = groups.lockExisting(groupId);
        if (group == null) {
            return null;
        }
        try {
            boolean stable = group.is(GroupState.STABLE);
            List<DescribedMember> members = new ArrayList<>(group.size());
            for (GroupMember m : group.members()) {
                members.add(new DescribedMember(m.memberId, m.groupInstanceId, m.clientId, m.clientHost,
                    stable ? m.metadata(group.protocolName) : GroupMember.EMPTY,
                    stable ? m.assignment : GroupMember.EMPTY));
            }
            return new DescribedGroup(group.state(), group.protocolType == null ? "" : group.protocolType,
                stable ? group.protocolName : "", members);
        } finally {
            group.unlock();
        }
    }

    /** The live groups that {@code include} selects, ordered by id. */
    List<ListedGroup> list(Predicate<ListedGroup> include) {
        List<ListedGroup> result = new ArrayList<>();
        for (ClassicGroup snapshot : groups.snapshot()) {
            ClassicGroup group = groups.lockExisting(snapshot.groupId);
            if (group == null) {
                continue;
            }
            ListedGroup listed;
            try {
                listed = new ListedGroup(group.groupId, group.protocolType == null ? "" : group.protocolType,
                    group.state());
            } finally {
                group.unlock();
            }
            if (include.test(listed)) {
                result.add(listed);
            }
        }
        result.sort(Comparator.comparing(ListedGroup::groupId));
        return result;
    }

    /** Deletes a group without members, with its offsets. */
    Errors delete(String groupId) {
        ClassicGroup group = groups.lockExisting(groupId);
        if (group == null) {
            return Errors.GROUP_ID_NOT_FOUND;
        }
        try {
            if (!group.is(GroupState.EMPTY)) {
                return Errors.NON_EMPTY_GROUP;
            }
            store.deleteGroup(groupId);
            groups.removeLocked(group);
            log.info("Deleted group {} and its offsets", groupId);
            return Errors.NONE;
        } catch (IOException e) {
            log.error("Could not delete the offsets of group {}", groupId, e);
            return Errors.UNKNOWN_SERVER_ERROR;
        } finally {
            group.unlock();
        }
    }
}
