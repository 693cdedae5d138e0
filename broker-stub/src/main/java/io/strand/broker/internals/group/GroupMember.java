package io.strand.broker.internals.group;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One member of a classic group. Guarded by its group's lock. */
final class GroupMember {

    static final byte[] EMPTY = new byte[0];

    final String memberId;
    final String groupInstanceId;
    final String clientId;
    final String clientHost;
    final String protocolType;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<Protocol> protocols;
    byte[] assignment = EMPTY;

    /** The JoinGroup request this member waits on, or null. */
    CompletableFuture<JoinResult> awaitingJoin;
    /** The SyncGroup request this member waits on, or null. */
    CompletableFuture<SyncResult> awaitingSync;
    /** Joined during the current rebalance: has not yet been handed a generation. */
    boolean isNew;
    long lastHeartbeatMs;

    /** Bumped whenever the expiry timer is replaced, so a stale timer recognises itself. */
    int timerEpoch;
    GroupScheduler.Cancellable expiryTimer;

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, String protocolType,
                int sessionTimeoutMs, int rebalanceTimeoutMs, List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.protocolType = protocolType;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.protocols = protocols;
    }

    /** The same member under a new id: a static member that restarted (KIP-345). */
    GroupMember withId(String newMemberId) {
        GroupMember m = new GroupMember(newMemberId, groupInstanceId, clientId, clientHost, protocolType,
            sessionTimeoutMs, rebalanceTimeoutMs, protocols);
        m.assignment = assignment;
        m.lastHeartbeatMs = lastHeartbeatMs;
        return m;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    /** This member's metadata for {@code protocolName}; empty if it does not support it. */
    byte[] metadata(String protocolName) {
        for (Protocol p : protocols) {
            if (p.name().equals(protocolName)) {
                return p.metadata();
            }
        }
        return EMPTY;
    }

    boolean supports(String protocolName) {
        for (Protocol p : protocols) {
            if (p.name().equals(protocolName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code other} lists the same protocols, in the same order, with the same metadata. */
    boolean matches(List<Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            Protocol a = protocols.get(i);
            Protocol b = other.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.metadata(), b.metadata())) {
                return false;
            }
        }
        return true;
    }

    /** This member's favourite among {@code candidates}: the first of its own list that is one. */
    String vote(Set<String> candidates) {
        for (Protocol p : protocols) {
            if (candidates.contains(p.name())) {
                return p.name();
            }
        }
        throw new IllegalStateException("Member " + memberId + " supports none of " + candidates);
    }

    void cancelExpiry() {
        timerEpoch++;
        if (expiryTimer != null) {
            expiryTimer.cancel();
            expiryTimer = null;
        }
    }
}
