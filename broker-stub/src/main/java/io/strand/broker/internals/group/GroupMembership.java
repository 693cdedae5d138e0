package io.strand.broker.internals.group;

import io.strand.broker.internals.RandomIds;
import io.strand.common.protocol.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic group protocol: JoinGroup, SyncGroup, Heartbeat and LeaveGroup, and the timers
 * behind them (initial rebalance delay, rebalance timeout, session timeout, pending sync).
 *
 * <p>Every method that touches a group holds that group's lock for its whole run, timers
 * included; futures are completed after the lock is released (see {@link ClassicGroup}).
 */
final class GroupMembership {

    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);

    /** How long a new member may wait in JoinGroup before it is dropped, as in Kafka. */
    static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

    private final GroupConfig config;
    private final GroupScheduler scheduler;
    private final GroupRegistry groups;
    private final Predicate<String> hasOffsets;
    private volatile boolean closed;

    GroupMembership(GroupConfig config, GroupScheduler scheduler, GroupRegistry groups, Predicate<String> hasOffsets) {
        this.config = config;
        this.scheduler = scheduler;
        this.groups = groups;
        this.hasOffsets = hasOffsets;
    }

    // ---- JoinGroup --------------------------------------------------------------------------

    CompletableFuture<JoinResult> join(JoinRequest req) {
        CompletableFuture<JoinResult> future = new CompletableFuture<>();
        if (req.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(JoinResult.error(Errors.INVALID_GROUP_ID, req.memberId()));
        }
        if (req.sessionTimeoutMs() < config.minSessionTimeoutMs()
            || req.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return CompletableFuture.completedFuture(JoinResult.error(Errors.INVALID_SESSION_TIMEOUT, req.memberId()));
        }
        boolean unknownMember = req.memberId().isEmpty();
        boolean existed = groups.contains(req.groupId());
        ClassicGroup group = unknownMember ? groups.lockOrCreate(req.groupId()) : groups.lockExisting(req.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, req.memberId()));
        }
        try {
            if (!acceptJoiningMember(group, req.memberId())) {
                group.completeLater(future, JoinResult.error(Errors.GROUP_MAX_SIZE_REACHED, req.memberId()));
            } else if (!group.supportsProtocols(req.protocolType(), req.protocols())) {
                group.completeLater(future, JoinResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, req.memberId()));
            } else if (unknownMember) {
                joinNewMember(group, req, future);
            } else {
                joinExistingMember(group, req, future);
            }
            if (!existed && isUnused(group)) {
                // The join that created this group failed: do not leave an empty shell behind.
                groups.removeLocked(group);
            }
        } finally {
            group.unlock();
        }
        return future;
    }

    private boolean acceptJoiningMember(ClassicGroup group, String memberId) {
        switch (group.state()) {
            case PREPARING_REBALANCE:
                // Counting those already waiting lets the members that rejoin last be the ones turned away.
                GroupMember m = group.member(memberId);
                return (m != null && m.awaitingJoin != null) || group.numAwaitingJoin() < config.maxSize();
            case COMPLETING_REBALANCE:
            case STABLE:
                return group.has(memberId) || group.size() < config.maxSize();
            default:
                return true;
        }
    }

    private void joinNewMember(ClassicGroup group, JoinRequest req, CompletableFuture<JoinResult> future) {
        String prefix = req.groupInstanceId() != null ? req.groupInstanceId() : req.clientId();
        String newMemberId = prefix + "-" + RandomIds.uuid4();
        if (req.groupInstanceId() != null) {
            String oldMemberId = group.staticMemberId(req.groupInstanceId());
            if (oldMemberId == null) {
                addMemberThenRebalanceOrComplete(group, req, newMemberId, future);
            } else {
                replaceStaticMemberThenRebalanceOrComplete(group, req, oldMemberId, newMemberId, future);
            }
        } else if (req.requiresKnownMemberId()) {
            group.pendingMembers.add(newMemberId);
            schedulePendingMemberExpiry(group, newMemberId, req.sessionTimeoutMs());
            group.completeLater(future, JoinResult.error(Errors.MEMBER_ID_REQUIRED, newMemberId));
        } else {
            addMemberThenRebalanceOrComplete(group, req, newMemberId, future);
        }
    }

    private void joinExistingMember(ClassicGroup group, JoinRequest req, CompletableFuture<JoinResult> future) {
        String memberId = req.memberId();
        if (group.isPendingMember(memberId)) {
            if (req.groupInstanceId() != null) {
                // Static members are never pending: this id was handed to a dynamic member.
                group.completeLater(future, JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
            } else {
                addMemberThenRebalanceOrComplete(group, req, memberId, future);
            }
            return;
        }
        Errors error = validateMember(group, memberId, req.groupInstanceId());
        if (error != Errors.NONE) {
            group.completeLater(future, JoinResult.error(error, memberId));
            return;
        }
        GroupMember member = group.member(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE:
                updateMemberThenRebalanceOrComplete(group, member, req, future);
                break;
            case COMPLETING_REBALANCE:
                if (member.matches(req.protocols())) {
                    // Same metadata: the member most likely lost our JoinGroup response; send it again.
                    group.completeLater(future, currentGeneration(group, memberId, group.isLeader(memberId)));
                } else {
                    updateMemberThenRebalanceOrComplete(group, member, req, future);
                }
                break;
            case STABLE:
                if (group.isLeader(memberId) || !member.matches(req.protocols())) {
                    // A leader's JoinGroup always rebalances: that is how it reacts to topic metadata changes.
                    updateMemberThenRebalanceOrComplete(group, member, req, future);
                } else {
                    group.completeLater(future, currentGeneration(group, memberId, false));
                }
                break;
            default:
                group.completeLater(future, JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    private JoinResult currentGeneration(ClassicGroup group, String memberId, boolean withMembers) {
        return new JoinResult(Errors.NONE, memberId, group.generationId, group.protocolType, group.protocolName,
            group.leaderId, false, withMembers ? group.currentMembers() : List.of());
    }

    private void addMemberThenRebalanceOrComplete(ClassicGroup group, JoinRequest req, String memberId,
                                                  CompletableFuture<JoinResult> future) {
        GroupMember member = new GroupMember(memberId, req.groupInstanceId(), req.clientId(), req.clientHost(),
            req.protocolType(), req.sessionTimeoutMs(), req.rebalanceTimeoutMs(), req.protocols());
        member.isNew = true;
        member.awaitingJoin = future;
        member.lastHeartbeatMs = scheduler.nowMs();
        group.add(member);
        group.pendingMembers.remove(memberId);
        if (group.is(GroupState.PREPARING_REBALANCE) && group.generationId == 0) {
            group.newMemberAdded = true;
        }
        scheduleExpiry(group, member);
        maybePrepareRebalance(group, "adding new member " + memberId + reasonSuffix(req.reason()));
        tryCompleteJoin(group);
    }

    private void updateMemberThenRebalanceOrComplete(ClassicGroup group, GroupMember member, JoinRequest req,
                                                     CompletableFuture<JoinResult> future) {
        if (member.awaitingJoin != null) {
            // A second JoinGroup while one waits: the first one's sender has given up on it.
            group.completeLater(member.awaitingJoin, JoinResult.error(Errors.REBALANCE_IN_PROGRESS, member.memberId));
        }
        member.protocols = req.protocols();
        member.sessionTimeoutMs = req.sessionTimeoutMs();
        member.rebalanceTimeoutMs = req.rebalanceTimeoutMs();
        member.awaitingJoin = future;
        maybePrepareRebalance(group, "updating metadata of member " + member.memberId + reasonSuffix(req.reason()));
        tryCompleteJoin(group);
    }

    /** KIP-345: a static member restarted with a new member id; the old id is fenced. */
    private void replaceStaticMemberThenRebalanceOrComplete(ClassicGroup group, JoinRequest req, String oldMemberId,
                                                            String newMemberId, CompletableFuture<JoinResult> future) {
        String previousLeader = group.leaderId;
        GroupMember old = group.member(oldMemberId);
        old.cancelExpiry();
        if (old.awaitingJoin != null) {
            group.completeLater(old.awaitingJoin, JoinResult.error(Errors.FENCED_INSTANCE_ID, oldMemberId));
        }
        if (old.awaitingSync != null) {
            group.completeLater(old.awaitingSync, SyncResult.error(Errors.FENCED_INSTANCE_ID));
        }
        GroupMember member = group.replaceStaticMember(req.groupInstanceId(), oldMemberId, newMemberId);
        member.protocols = req.protocols();
        member.sessionTimeoutMs = req.sessionTimeoutMs();
        member.rebalanceTimeoutMs = req.rebalanceTimeoutMs();
        member.lastHeartbeatMs = scheduler.nowMs();
        member.awaitingJoin = future;
        scheduleExpiry(group, member);
        log.info("Static member {} of group {} rejoined as {}, fencing {}", req.groupInstanceId(), group.groupId,
            newMemberId, oldMemberId);
        switch (group.state()) {
            case STABLE:
                if (group.selectProtocol().equals(group.protocolName)) {
                    // Nothing the assignment depends on changed: hand back the current generation, no rebalance.
                    // A v9+ leader learns that it leads but need not assign (KIP-814); an older one is told
                    // the previous leader id so that it does not assign, as the stable group would drop it.
                    boolean leads = req.supportsSkipAssignment() && group.isLeader(newMemberId);
                    member.awaitingJoin = null;
                    group.completeLater(future, new JoinResult(Errors.NONE, newMemberId, group.generationId,
                        group.protocolType, group.protocolName,
                        req.supportsSkipAssignment() ? group.leaderId : previousLeader, leads,
                        leads ? group.currentMembers() : List.of()));
                } else {
                    prepareRebalance(group, "static member " + req.groupInstanceId() + " changed protocols");
                }
                break;
            case COMPLETING_REBALANCE:
                // The leader may already be assigning to the old member id, which the new one would never get.
                prepareRebalance(group, "static member " + req.groupInstanceId() + " rejoined during sync");
                break;
            case PREPARING_REBALANCE:
                tryCompleteJoin(group);
                break;
            default:
                throw new IllegalStateException("Group " + group.groupId + " has static members but is " + group.state());
        }
    }

    // ---- rebalance --------------------------------------------------------------------------

    private void maybePrepareRebalance(ClassicGroup group, String reason) {
        if (GroupState.PREPARING_REBALANCE.canFollow(group.state())) {
            prepareRebalance(group, reason);
        }
    }

    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            for (GroupMember m : group.members()) {
                m.assignment = GroupMember.EMPTY;
            }
            propagateAssignment(group, Errors.REBALANCE_IN_PROGRESS);
        }
        cancelGroupTimers(group);
        group.pendingSyncMembers.clear();
        GroupState previous = group.state();
        group.transitionTo(GroupState.PREPARING_REBALANCE, scheduler.nowMs());
        log.info("Preparing to rebalance group {} in state {} with old generation {}: {}", group.groupId,
            previous.wireName(), group.generationId, reason);
        boolean initial = previous == GroupState.EMPTY;
        int delay = config.initialRebalanceDelayMs();
        if (initial && delay > 0) {
            group.inInitialDelay = true;
            group.newMemberAdded = false;
            scheduleInitialDelay(group, delay, Math.max(group.rebalanceTimeoutMs() - delay, 0));
        } else {
            scheduleJoinTimeout(group);
            tryCompleteJoin(group);
        }
    }

    private void scheduleInitialDelay(ClassicGroup group, int delayMs, int remainingMs) {
        int epoch = ++group.timerEpoch;
        group.joinTimer = scheduler.schedule(() -> withGroup(group, epoch, () -> {
            if (group.newMemberAdded && remainingMs > 0) {
                // Members keep arriving: wait a little longer, within the rebalance timeout.
                group.newMemberAdded = false;
                int next = Math.min(config.initialRebalanceDelayMs(), remainingMs);
                scheduleInitialDelay(group, next, Math.max(remainingMs - next, 0));
            } else {
                group.inInitialDelay = false;
                completeJoin(group);
            }
        }), delayMs);
    }

    private void scheduleJoinTimeout(ClassicGroup group) {
        int epoch = ++group.timerEpoch;
        group.joinTimer = scheduler.schedule(() -> withGroup(group, epoch, () -> completeJoin(group)),
            group.rebalanceTimeoutMs());
    }

    private void tryCompleteJoin(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && !group.inInitialDelay && group.hasAllMembersJoined()) {
            completeJoin(group);
        }
    }

    /** Ends the join phase: drops who did not rejoin, starts the next generation, answers every JoinGroup. */
    private void completeJoin(ClassicGroup group) {
        if (!group.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        cancelGroupTimers(group);
        group.inInitialDelay = false;
        for (GroupMember m : new ArrayList<>(group.members())) {
            // Static members keep their place until their session expires (KIP-345).
            if (m.awaitingJoin == null && !m.isStatic()) {
                log.info("Removing member {} of group {}: it did not rejoin within the rebalance timeout",
                    m.memberId, group.groupId);
                m.cancelExpiry();
                group.remove(m.memberId);
            }
        }
        if (group.size() > 0 && !group.maybeElectNewJoinedLeader()) {
            // Only static members that have not rejoined are left; wait for them or for their sessions to end.
            log.warn("Group {} could not complete its rebalance: no member rejoined", group.groupId);
            scheduleJoinTimeout(group);
            return;
        }
        long now = scheduler.nowMs();
        group.generationId++;
        if (group.size() == 0) {
            group.protocolName = null;
            group.transitionTo(GroupState.EMPTY, now);
            log.info("Group {} with generation {} is now empty", group.groupId, group.generationId);
            return;
        }
        group.protocolName = group.selectProtocol();
        group.transitionTo(GroupState.COMPLETING_REBALANCE, now);
        log.info("Stabilized group {} generation {} with {} members, protocol {}", group.groupId, group.generationId,
            group.size(), group.protocolName);
        for (GroupMember m : group.members()) {
            group.pendingSyncMembers.add(m.memberId);
            if (m.awaitingJoin != null) {
                boolean leader = group.isLeader(m.memberId);
                group.completeLater(m.awaitingJoin, currentGeneration(group, m.memberId, leader));
                m.awaitingJoin = null;
            }
            m.isNew = false;
            m.lastHeartbeatMs = now;
            scheduleExpiry(group, m);
        }
        schedulePendingSyncExpiry(group);
    }

    /** Members that got their JoinGroup response but never sent SyncGroup are dropped after the rebalance timeout. */
    private void schedulePendingSyncExpiry(ClassicGroup group) {
        int generation = group.generationId;
        int epoch = ++group.timerEpoch;
        group.syncTimer = scheduler.schedule(() -> withGroup(group, epoch, () -> {
            boolean syncing = group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.STABLE);
            if (!syncing || group.generationId != generation || group.pendingSyncMembers.isEmpty()) {
                return;
            }
            List<String> missing = new ArrayList<>(group.pendingSyncMembers);
            for (String id : missing) {
                GroupMember m = group.member(id);
                if (m != null) {
                    failMember(group, m, Errors.UNKNOWN_MEMBER_ID);
                    group.remove(id);
                }
            }
            prepareRebalance(group, "members " + missing + " did not send SyncGroup in time");
        }), group.rebalanceTimeoutMs());
    }

    private void cancelGroupTimers(ClassicGroup group) {
        group.timerEpoch++;
        if (group.joinTimer != null) {
            group.joinTimer.cancel();
            group.joinTimer = null;
        }
        if (group.syncTimer != null) {
            group.syncTimer.cancel();
            group.syncTimer = null;
        }
    }

    // ---- SyncGroup --------------------------------------------------------------------------

    CompletableFuture<SyncResult> sync(String groupId, int generationId, String memberId, String groupInstanceId,
                                       String protocolType, String protocolName, Map<String, byte[]> assignments) {
        ClassicGroup group = groups.lockExisting(groupId);
        if (group == null) {
            return CompletableFuture.completedFuture(SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
        }
        CompletableFuture<SyncResult> future = new CompletableFuture<>();
        try {
            Errors error = validateMember(group, memberId, groupInstanceId);
            if (error == Errors.NONE && generationId != group.generationId) {
                error = Errors.ILLEGAL_GENERATION;
            }
            if (error == Errors.NONE && (protocolType != null && !protocolType.equals(group.protocolType)
                || protocolName != null && !protocolName.equals(group.protocolName))) {
                error = Errors.INCONSISTENT_GROUP_PROTOCOL;
            }
            if (error != Errors.NONE) {
                group.completeLater(future, SyncResult.error(error));
                return future;
            }
            GroupMember member = group.member(memberId);
            switch (group.state()) {
                case PREPARING_REBALANCE:
                    group.completeLater(future, SyncResult.error(Errors.REBALANCE_IN_PROGRESS));
                    break;
                case COMPLETING_REBALANCE:
                    if (member.awaitingSync != null) {
                        group.completeLater(member.awaitingSync, SyncResult.error(Errors.REBALANCE_IN_PROGRESS));
                    }
                    member.awaitingSync = future;
                    markSynced(group, memberId);
                    if (group.isLeader(memberId)) {
                        for (GroupMember m : group.members()) {
                            m.assignment = assignments.getOrDefault(m.memberId, GroupMember.EMPTY);
                        }
                        propagateAssignment(group, Errors.NONE);
                        group.transitionTo(GroupState.STABLE, scheduler.nowMs());
                        log.info("Assignment received from leader {} of group {} for generation {}", memberId,
                            groupId, group.generationId);
                    }
                    break;
                case STABLE:
                    markSynced(group, memberId);
                    member.lastHeartbeatMs = scheduler.nowMs();
                    group.completeLater(future,
                        new SyncResult(Errors.NONE, group.protocolType, group.protocolName, member.assignment));
                    break;
                default:
                    group.completeLater(future, SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
            }
        } finally {
            group.unlock();
        }
        return future;
    }

    private void markSynced(ClassicGroup group, String memberId) {
        if (group.pendingSyncMembers.remove(memberId) && group.pendingSyncMembers.isEmpty()
            && group.syncTimer != null) {
            group.syncTimer.cancel();
            group.syncTimer = null;
        }
    }

    private void propagateAssignment(ClassicGroup group, Errors error) {
        long now = scheduler.nowMs();
        for (GroupMember m : group.members()) {
            if (m.awaitingSync != null) {
                group.completeLater(m.awaitingSync,
                    new SyncResult(error, group.protocolType, group.protocolName, m.assignment));
                m.awaitingSync = null;
                m.lastHeartbeatMs = now;
            }
        }
    }

    // ---- Heartbeat --------------------------------------------------------------------------

    Errors heartbeat(String groupId, int generationId, String memberId, String groupInstanceId) {
        ClassicGroup group = groups.lockExisting(groupId);
        if (group == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        try {
            Errors error = validateMember(group, memberId, groupInstanceId);
            if (error != Errors.NONE) {
                return error;
            }
            if (generationId != group.generationId) {
                return Errors.ILLEGAL_GENERATION;
            }
            switch (group.state()) {
                case COMPLETING_REBALANCE:
                case STABLE:
                    group.member(memberId).lastHeartbeatMs = scheduler.nowMs();
                    return Errors.NONE;
                case PREPARING_REBALANCE:
                    group.member(memberId).lastHeartbeatMs = scheduler.nowMs();
                    return Errors.REBALANCE_IN_PROGRESS;
                default:
                    return Errors.UNKNOWN_MEMBER_ID;
            }
        } finally {
            group.unlock();
        }
    }

    // ---- LeaveGroup -------------------------------------------------------------------------

    /** One member named in a LeaveGroup request. */
    record Leaving(String memberId, String groupInstanceId, String reason) {
    }

    /** Per member, in request order; an unknown group answers UNKNOWN_MEMBER_ID for each. */
    List<Errors> leave(String groupId, List<Leaving> leaving) {
        List<Errors> results = new ArrayList<>(leaving.size());
        ClassicGroup group = groups.lockExisting(groupId);
        if (group == null) {
            leaving.forEach(l -> results.add(Errors.UNKNOWN_MEMBER_ID));
            return results;
        }
        try {
            for (Leaving l : leaving) {
                results.add(leaveOne(group, l));
            }
        } finally {
            group.unlock();
        }
        return results;
    }

    private Errors leaveOne(ClassicGroup group, Leaving l) {
        String reason = "member left" + reasonSuffix(l.reason());
        if (l.memberId().isEmpty()) {
            // An administrator removes a static member by its instance id alone.
            String current = group.staticMemberId(l.groupInstanceId());
            if (current == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            removeMemberAndUpdateGroup(group, group.member(current), reason);
            return Errors.NONE;
        }
        if (group.isPendingMember(l.memberId())) {
            group.pendingMembers.remove(l.memberId());
            tryCompleteJoin(group);
            return Errors.NONE;
        }
        String holder = group.staticMemberId(l.groupInstanceId());
        if (holder != null && !holder.equals(l.memberId())) {
            return Errors.FENCED_INSTANCE_ID;
        }
        GroupMember m = group.member(l.memberId());
        if (m == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        removeMemberAndUpdateGroup(group, m, reason);
        return Errors.NONE;
    }

    // ---- members leaving --------------------------------------------------------------------

    private void removeMemberAndUpdateGroup(ClassicGroup group, GroupMember m, String reason) {
        log.info("Removing member {} from group {}: {}", m.memberId, group.groupId, reason);
        failMember(group, m, Errors.UNKNOWN_MEMBER_ID);
        group.remove(m.memberId);
        switch (group.state()) {
            case STABLE:
            case COMPLETING_REBALANCE:
                prepareRebalance(group, "removing member " + m.memberId + ": " + reason);
                break;
            case PREPARING_REBALANCE:
                tryCompleteJoin(group);
                break;
            default:
                break;
        }
    }

    /** Answers whatever the member waits on with {@code error} and stops its timer. */
    private void failMember(ClassicGroup group, GroupMember m, Errors error) {
        m.cancelExpiry();
        if (m.awaitingJoin != null) {
            group.completeLater(m.awaitingJoin, JoinResult.error(error, m.memberId));
            m.awaitingJoin = null;
        }
        if (m.awaitingSync != null) {
            group.completeLater(m.awaitingSync, SyncResult.error(error));
            m.awaitingSync = null;
        }
    }

    // ---- session timeouts -------------------------------------------------------------------

    private void scheduleExpiry(ClassicGroup group, GroupMember m) {
        m.cancelExpiry();
        int epoch = m.timerEpoch;
        String memberId = m.memberId;
        long delay = expiryDeadline(m, scheduler.nowMs()) - scheduler.nowMs();
        m.expiryTimer = scheduler.schedule(() -> withGroup(group, () -> {
            GroupMember current = group.member(memberId);
            if (current == null || current.timerEpoch != epoch) {
                return;
            }
            long now = scheduler.nowMs();
            if (shouldKeepAlive(current, now)) {
                scheduleExpiry(group, current);
            } else {
                removeMemberAndUpdateGroup(group, current, "session timeout of " + current.sessionTimeoutMs
                    + " ms expired");
            }
        }), delay);
    }

    /** A member waiting on a JoinGroup or SyncGroup answer is alive, up to a limit for new members. */
    private static boolean shouldKeepAlive(GroupMember m, long now) {
        if (m.awaitingJoin != null) {
            return !m.isNew || now < m.lastHeartbeatMs + NEW_MEMBER_JOIN_TIMEOUT_MS;
        }
        return m.awaitingSync != null || now < m.lastHeartbeatMs + m.sessionTimeoutMs;
    }

    private static long expiryDeadline(GroupMember m, long now) {
        long deadline = m.awaitingJoin != null && m.isNew
            ? m.lastHeartbeatMs + NEW_MEMBER_JOIN_TIMEOUT_MS
            : m.lastHeartbeatMs + m.sessionTimeoutMs;
        // Kept alive past its deadline because it waits on a response: look again one session later.
        return deadline > now ? deadline : now + m.sessionTimeoutMs;
    }

    private void schedulePendingMemberExpiry(ClassicGroup group, String memberId, int sessionTimeoutMs) {
        scheduler.schedule(() -> withGroup(group, () -> {
            if (group.isPendingMember(memberId)) {
                log.info("Pending member {} of group {} did not join within its session timeout", memberId,
                    group.groupId);
                group.pendingMembers.remove(memberId);
                tryCompleteJoin(group);
            }
        }), sessionTimeoutMs);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /**
     * The member check shared by JoinGroup, SyncGroup and Heartbeat: a static member's instance id
     * must be held by this member id, else the caller is a fenced zombie.
     */
    static Errors validateMember(ClassicGroup group, String memberId, String groupInstanceId) {
        if (groupInstanceId == null) {
            return group.has(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
        }
        String holder = group.staticMemberId(groupInstanceId);
        if (holder == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        return holder.equals(memberId) ? Errors.NONE : Errors.FENCED_INSTANCE_ID;
    }

    boolean isClosed() {
        return closed;
    }

    /** Records life from a member whose offset commit was accepted. */
    void touch(ClassicGroup group, String memberId) {
        GroupMember m = group.member(memberId);
        if (m != null) {
            m.lastHeartbeatMs = scheduler.nowMs();
        }
    }

    boolean isUnused(ClassicGroup group) {
        return group.is(GroupState.EMPTY) && group.size() == 0 && group.pendingMembers.isEmpty()
            && !hasOffsets.test(group.groupId);
    }

    /** Answers every waiting request of every group with NOT_COORDINATOR and stops all timers. */
    void close() {
        closed = true;
        for (ClassicGroup group : groups.snapshot()) {
            group.lock();
            try {
                cancelGroupTimers(group);
                for (GroupMember m : group.members()) {
                    failMember(group, m, Errors.NOT_COORDINATOR);
                }
            } finally {
                group.unlock();
            }
        }
    }

    private void withGroup(ClassicGroup group, int epoch, Runnable action) {
        withGroup(group, () -> {
            if (group.timerEpoch == epoch) {
                action.run();
            }
        });
    }

    private void withGroup(ClassicGroup group, Runnable action) {
        if (closed) {
            return;
        }
        group.lock();
        try {
            if (!closed && !group.is(GroupState.DEAD)) {
                action.run();
            }
        } catch (RuntimeException e) {
            log.error("Timer of group {} failed", group.groupId, e);
        } finally {
            group.unlock();
        }
    }

    private static String reasonSuffix(String reason) {
        return reason == null || reason.isEmpty() ? "" : " (reason: " + reason + ")";
    }
}
