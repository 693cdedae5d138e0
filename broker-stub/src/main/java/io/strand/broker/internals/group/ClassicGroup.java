package io.strand.broker.internals.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The membership of one classic group: state, generation, members and the selected protocol.
 * Every field is guarded by {@link #lock()}. Futures of waiting requests are completed only after
 * the lock is released ({@link #completeLater}), so no response is written, and no caller code
 * runs, while a group is locked.
 */
final class ClassicGroup {

    final String groupId;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> afterUnlock = new ArrayList<>();

    private GroupState state = GroupState.EMPTY;
    private long stateTimestampMs;
    int generationId;
    /** Set by the first member, kept while the group lives; null for groups that only store offsets. */
    String protocolType;
    /** The protocol of the current generation, null when there is none. */
    String protocolName;
    String leaderId;

    /** In join order: the first is the leader unless it leaves. */
    private final LinkedHashMap<String, GroupMember> members = new LinkedHashMap<>();
    /** group.instance.id to the member id that holds it. */
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Ids handed out with MEMBER_ID_REQUIRED whose owners have not joined with them yet. */
    final Set<String> pendingMembers = new HashSet<>();
    /** Members of the current generation that have not sent SyncGroup yet. */
    final Set<String> pendingSyncMembers = new HashSet<>();

    /** A member joined while the initial rebalance delay ran, so the delay may be extended. */
    boolean newMemberAdded;
    boolean inInitialDelay;
    GroupScheduler.Cancellable joinTimer;
    GroupScheduler.Cancellable syncTimer;
    /** Bumped whenever a group timer is replaced, so a stale timer recognises itself. */
    int timerEpoch;

    ClassicGroup(String groupId, long nowMs) {
        this.groupId = groupId;
        this.stateTimestampMs = nowMs;
    }

    // ---- locking ----------------------------------------------------------------------------

    void lock() {
        lock.lock();
    }

    /** Releases the lock, then completes the futures queued while it was held. */
    void unlock() {
        List<Runnable> todo = List.of();
        if (lock.getHoldCount() == 1 && !afterUnlock.isEmpty()) {
            todo = new ArrayList<>(afterUnlock);
            afterUnlock.clear();
        }
        lock.unlock();
        for (Runnable r : todo) {
            r.run();
        }
    }

    <T> void completeLater(CompletableFuture<T> future, T value) {
        afterUnlock.add(() -> future.complete(value));
    }

    // ---- state ------------------------------------------------------------------------------

    GroupState state() {
        return state;
    }

    boolean is(GroupState s) {
        return state == s;
    }

    /** When the group entered its current state: offsets of an empty group expire counting from there. */
    long stateTimestampMs() {
        return stateTimestampMs;
    }

    void transitionTo(GroupState next, long nowMs) {
        if (!next.canFollow(state)) {
            throw new IllegalStateException("Group " + groupId + " cannot go from " + state + " to " + next);
        }
        state = next;
        stateTimestampMs = nowMs;
    }

    // ---- members ----------------------------------------------------------------------------

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    boolean has(String memberId) {
        return members.containsKey(memberId);
    }

    Collection<GroupMember> members() {
        return members.values();
    }

    int size() {
        return members.size();
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    boolean isPendingMember(String memberId) {
        return pendingMembers.contains(memberId) && !members.containsKey(memberId);
    }

    String staticMemberId(String groupInstanceId) {
        return groupInstanceId == null ? null : staticMembers.get(groupInstanceId);
    }

    void add(GroupMember m) {
        if (members.isEmpty()) {
            protocolType = m.protocolType;
        }
        members.put(m.memberId, m);
        if (leaderId == null) {
            leaderId = m.memberId;
        }
        if (m.isStatic()) {
            staticMembers.put(m.groupInstanceId, m.memberId);
        }
    }

    void remove(String memberId) {
        GroupMember m = members.remove(memberId);
        if (m == null) {
            return;
        }
        if (m.isStatic()) {
            staticMembers.remove(m.groupInstanceId, memberId);
        }
        pendingSyncMembers.remove(memberId);
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** Puts {@code newMemberId} in the place of the static member {@code oldMemberId}, keeping its position. */
    GroupMember replaceStaticMember(String groupInstanceId, String oldMemberId, String newMemberId) {
        GroupMember old = members.get(oldMemberId);
        GroupMember replacement = old.withId(newMemberId);
        LinkedHashMap<String, GroupMember> reordered = new LinkedHashMap<>();
        for (Map.Entry<String, GroupMember> e : members.entrySet()) {
            if (e.getKey().equals(oldMemberId)) {
                reordered.put(newMemberId, replacement);
            } else {
                reordered.put(e.getKey(), e.getValue());
            }
        }
        members.clear();
        members.putAll(reordered);
        staticMembers.put(groupInstanceId, newMemberId);
        if (oldMemberId.equals(leaderId)) {
            leaderId = newMemberId;
        }
        if (pendingSyncMembers.remove(oldMemberId)) {
            pendingSyncMembers.add(newMemberId);
        }
        return replacement;
    }

    boolean hasAllMembersJoined() {
        for (GroupMember m : members.values()) {
            if (m.awaitingJoin == null) {
                return false;
            }
        }
        return pendingMembers.isEmpty();
    }

    int numAwaitingJoin() {
        int n = 0;
        for (GroupMember m : members.values()) {
            if (m.awaitingJoin != null) {
                n++;
            }
        }
        return n;
    }

    /** The longest rebalance timeout any member asked for: how long a rebalance may wait for members. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (GroupMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs);
        }
        return max;
    }

    /** If the leader has not rejoined, makes a member that has the leader; false if none has rejoined. */
    boolean maybeElectNewJoinedLeader() {
        if (leaderId == null) {
            return false;
        }
        if (members.get(leaderId).awaitingJoin != null) {
            return true;
        }
        for (GroupMember m : members.values()) {
            if (m.awaitingJoin != null) {
                leaderId = m.memberId;
                return true;
            }
        }
        return false;
    }

    // ---- protocols --------------------------------------------------------------------------

    /** Whether a member offering these protocols may join: same protocol type, and a protocol all members share. */
    boolean supportsProtocols(String memberProtocolType, List<Protocol> memberProtocols) {
        if (members.isEmpty()) {
            return !memberProtocolType.isEmpty() && !memberProtocols.isEmpty();
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        for (Protocol p : memberProtocols) {
            if (candidates.contains(p.name())) {
                return true;
            }
        }
        return false;
    }

    /** Protocols every member supports, in the first member's order of preference. */
    private Set<String> candidateProtocols() {
        Set<String> candidates = new LinkedHashSet<>();
        GroupMember first = members.values().iterator().next();
        for (Protocol p : first.protocols) {
            candidates.add(p.name());
        }
        for (GroupMember m : members.values()) {
            candidates.removeIf(name -> !m.supports(name));
        }
        return candidates;
    }

    /**
     * The protocol for the next generation: each member votes for its favourite among those all
     * members support, and the most votes win; a tie goes to the first member's preference.
     */
    String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("Members of group " + groupId + " share no protocol");
        }
        Map<String, Integer> votes = new HashMap<>();
        for (GroupMember m : members.values()) {
            votes.merge(m.vote(candidates), 1, Integer::sum);
        }
        String best = null;
        int bestVotes = 0;
        for (String c : candidates) {
            int v = votes.getOrDefault(c, 0);
            if (v > bestVotes) {
                best = c;
                bestVotes = v;
            }
        }
        return best;
    }

    /** Every member with its metadata for the selected protocol, as the leader receives them. */
    List<JoinResult.JoinedMember> currentMembers() {
        List<JoinResult.JoinedMember> list = new ArrayList<>(members.size());
        for (GroupMember m : members.values()) {
            list.add(new JoinResult.JoinedMember(m.memberId, m.groupInstanceId, m.metadata(protocolName)));
        }
        return list;
    }

    @Override
    public String toString() {
        return "ClassicGroup(" + groupId + ", " + state + ", generation " + generationId + ", " + members.size()
            + " members)";
    }
}
