package io.strand.clients.consumer;

import java.util.Objects;
import java.util.Optional;

/** Who this consumer is in its group right now; a transactional producer sends it with offsets. */
public class ConsumerGroupMetadata {

    private final String groupId;
    private final int generationId;
    private final String memberId;
    private final Optional<String> groupInstanceId;

    public ConsumerGroupMetadata(String groupId, int generationId, String memberId, Optional<String> groupInstanceId) {
        this.groupId = Objects.requireNonNull(groupId, "group.id can't be null");
        this.generationId = generationId;
        this.memberId = Objects.requireNonNull(memberId, "member.id can't be null");
        this.groupInstanceId = Objects.requireNonNull(groupInstanceId, "group.instance.id can't be null");
    }

    /** A group this consumer has not joined: generation -1, empty member id. */
    public ConsumerGroupMetadata(String groupId) {
        this(groupId, -1, "", Optional.empty());
    }

    public String groupId() {
        return groupId;
    }

    public int generationId() {
        return generationId;
    }

    public String memberId() {
        return memberId;
    }

    public Optional<String> groupInstanceId() {
        return groupInstanceId;
    }

    @Override
    public String toString() {
        return String.format("GroupMetadata(groupId = %s, generationId = %d, memberId = %s, groupInstanceId = %s)",
            groupId, generationId, memberId, groupInstanceId.orElse(""));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ConsumerGroupMetadata that = (ConsumerGroupMetadata) o;
        return generationId == that.generationId && groupId.equals(that.groupId) && memberId.equals(that.memberId)
            && groupInstanceId.equals(that.groupInstanceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, generationId, memberId, groupInstanceId);
    }
}
