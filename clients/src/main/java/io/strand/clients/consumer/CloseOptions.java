package io.strand.clients.consumer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How {@code close(CloseOptions)} ends: how long it may take, and whether the member leaves its group. */
public class CloseOptions {

    /** What happens to the group membership on close. */
    public enum GroupMembershipOperation {
        /** Leave the group, static member or not. */
        LEAVE_GROUP,
        /** Stay in the group until the session times out. */
        REMAIN_IN_GROUP,
        /** Dynamic members leave, static members (group.instance.id) remain. */
        DEFAULT
    }

    private Optional<Duration> timeout = Optional.empty();
    private GroupMembershipOperation operation = GroupMembershipOperation.DEFAULT;

    private CloseOptions() {
    }

    public static CloseOptions timeout(Duration timeout) {
        return new CloseOptions().withTimeout(timeout);
    }

    public static CloseOptions groupMembershipOperation(GroupMembershipOperation operation) {
        return new CloseOptions().withGroupMembershipOperation(operation);
    }

    public CloseOptions withTimeout(Duration timeout) {
        this.timeout = Optional.ofNullable(timeout);
        return this;
    }

    public CloseOptions withGroupMembershipOperation(GroupMembershipOperation operation) {
        this.operation = Objects.requireNonNull(operation, "operation");
        return this;
    }

    public GroupMembershipOperation groupMembershipOperation() {
        return operation;
    }

    public Optional<Duration> timeout() {
        return timeout;
    }
}
