package io.strand.clients.consumer;

import io.strand.clients.consumer.internals.AbstractStickyAssignor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sticky assignment with the cooperative protocol (KIP-429): members keep consuming through
 * a rebalance and give up only the partitions that move. A partition moving from one member to
 * another is first left out of everyone's assignment; its owner revokes it and rejoins, and the
 * next rebalance gives it to its new member. Each member sends the partitions it owns in its
 * subscription and its generation in 4 bytes of user data, as Apache's assignor does.
 * Protocol name "cooperative-sticky".
 */
public class CooperativeStickyAssignor extends AbstractStickyAssignor {

    public static final String COOPERATIVE_STICKY_ASSIGNOR_NAME = "cooperative-sticky";

    private int generation = DEFAULT_GENERATION;

    @Override
    public String name() {
        return COOPERATIVE_STICKY_ASSIGNOR_NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return Arrays.asList(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        generation = metadata.generationId();
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.allocate(4).putInt(0, generation);
    }

    @Override
    protected MemberData memberData(Subscription subscription) {
        // Subscription v2+ carries the generation; older members put it only in the user data.
        Optional<Integer> generation = subscription.generationId();
        ByteBuffer userData = subscription.userData();
        if (generation.isEmpty() && userData != null && userData.remaining() >= 4) {
            generation = Optional.of(userData.getInt(userData.position()));
        }
        return new MemberData(subscription.ownedPartitions(), generation);
    }

    @Override
    protected boolean withholdsMovingPartitions() {
        return true;
    }
}
