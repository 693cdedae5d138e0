package io.strand.clients.consumer.internals;

import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One computation of a sticky assignment: balanced first, then keeping as many partitions as
 * possible where they were.
 *
 * <ol>
 * <li>Each partition goes back to the member that owned it, if that member still subscribes to
 *     its topic. When several members claim one partition, the claim of the newest generation
 *     wins; two claims of the same generation cancel each other (the partition is reassigned).</li>
 * <li>With equal subscriptions every member gets {@code P/N} or {@code P/N + 1} partitions; the
 *     members that kept the most get the extra slots, and members above their share give up
 *     what they kept last.</li>
 * <li>Otherwise unowned partitions go, most constrained first, to the eligible member with the
 *     fewest; then single moves from a member to an eligible one with at least two fewer are
 *     made until none is left, which is the balance Apache's sticky assignor promises.</li>
 * </ol>
 *
 * Members are ordered by id, so that the same input always gives the same output.
 */
final class StickyAssignment {

    private static final Logger log = LoggerFactory.getLogger(StickyAssignment.class);
    private static final Comparator<TopicPartition> PARTITION_ORDER =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    /** What a member says it owned, and in which generation. */
    static final class Claim {
        final List<TopicPartition> partitions;
        final int generation;

        Claim(List<TopicPartition> partitions, int generation) {
            this.partitions = partitions;
            this.generation = generation;
        }
    }

    private final Map<String, Integer> partitionsPerTopic;
    private final TreeMap<String, Set<String>> topicsByMember = new TreeMap<>();
    private final Map<String, List<String>> membersByTopic = new HashMap<>();
    /** Per partition, the members whose claim has the newest generation (any claim, valid or not). */
    private final Map<TopicPartition, List<String>> claimants = new HashMap<>();
    private final Map<TopicPartition, Integer> claimGeneration = new HashMap<>();
    private final Map<String, LinkedHashSet<TopicPartition>> assignment = new TreeMap<>();
    private final Map<TopicPartition, String> owner = new HashMap<>();

    StickyAssignment(Map<String, Integer> partitionsPerTopic, Map<String, List<String>> subscribedTopics,
                     Map<String, Claim> claims) {
        this.partitionsPerTopic = partitionsPerTopic;
        for (Map.Entry<String, List<String>> e : subscribedTopics.entrySet()) {
            Set<String> topics = new HashSet<>();
            for (String t : e.getValue()) {
                if (partitionsPerTopic.containsKey(t)) {
                    topics.add(t);
                    membersByTopic.computeIfAbsent(t, x -> new ArrayList<>()).add(e.getKey());
                }
            }
            topicsByMember.put(e.getKey(), topics);
            assignment.put(e.getKey(), new LinkedHashSet<>());
        }
        membersByTopic.values().forEach(l -> l.sort(null));
        for (Map.Entry<String, Claim> e : new TreeMap<>(claims).entrySet()) {
            for (TopicPartition tp : e.getValue().partitions) {
                addClaim(e.getKey(), tp, e.getValue().generation);
            }
        }
    }

    private void addClaim(String member, TopicPartition tp, int generation) {
        Integer current = claimGeneration.get(tp);
        if (current == null || generation > current) {
            claimGeneration.put(tp, generation);
            List<String> list = new ArrayList<>(1);
            list.add(member);
            claimants.put(tp, list);
        } else if (generation == current && !claimants.get(tp).contains(member)) {
            log.warn("Members {} and {} both claim {} in generation {}; it will be reassigned",
                claimants.get(tp), member, tp, generation);
            claimants.get(tp).add(member);
        }
    }

    /** The members whose newest-generation claim names this partition (empty if nobody claims it). */
    List<String> claimants(TopicPartition tp) {
        return claimants.getOrDefault(tp, List.of());
    }

    Map<String, List<TopicPartition>> compute() {
        keepValidClaims();
        if (allSubscriptionsEqual()) {
            assignEqual();
        } else {
            assignGeneral();
        }
        Map<String, List<TopicPartition>> out = new HashMap<>();
        assignment.forEach((m, ps) -> out.put(m, new ArrayList<>(ps)));
        return out;
    }

    private void keepValidClaims() {
        List<TopicPartition> claimed = new ArrayList<>(claimants.keySet());
        claimed.sort(PARTITION_ORDER);
        for (TopicPartition tp : claimed) {
            List<String> who = claimants.get(tp);
            if (who.size() != 1) {
                continue;
            }
            String member = who.get(0);
            Set<String> topics = topicsByMember.get(member);
            Integer count = partitionsPerTopic.get(tp.topic());
            if (topics != null && topics.contains(tp.topic()) && tp.partition() < count) {
                give(member, tp);
            }
        }
    }

    private boolean allSubscriptionsEqual() {
        Set<String> first = null;
        for (Set<String> topics : topicsByMember.values()) {
            if (first == null) {
                first = topics;
            } else if (!first.equals(topics)) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> unowned() {
        List<TopicPartition> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : membersByTopic.entrySet()) {
            int count = partitionsPerTopic.get(e.getKey());
            for (int p = 0; p < count; p++) {
                TopicPartition tp = new TopicPartition(e.getKey(), p);
                if (!owner.containsKey(tp)) {
                    out.add(tp);
                }
            }
        }
        out.sort(PARTITION_ORDER);
        return out;
    }

    private void assignEqual() {
        List<String> members = new ArrayList<>(topicsByMember.keySet());
        if (members.isEmpty()) {
            return;
        }
        int total = 0;
        for (String t : topicsByMember.firstEntry().getValue()) {
            total += partitionsPerTopic.get(t);
        }
        int base = total / members.size();
        int extra = total % members.size();
        // The members that kept the most take the extra slots: fewest partitions move.
        members.sort(Comparator.comparingInt((String m) -> -assignment.get(m).size()).thenComparing(m -> m));
        Map<String, Integer> quota = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            quota.put(members.get(i), base + (i < extra ? 1 : 0));
        }
        for (String m : members) {
            List<TopicPartition> kept = new ArrayList<>(assignment.get(m));
            for (int i = quota.get(m); i < kept.size(); i++) {
                take(m, kept.get(i));
            }
        }
        members.sort(null);
        int next = 0;
        for (TopicPartition tp : unowned()) {
            while (assignment.get(members.get(next)).size() >= quota.get(members.get(next))) {
                next++;
            }
            give(members.get(next), tp);
        }
    }

    private void assignGeneral() {
        List<TopicPartition> unowned = unowned();
        // Most constrained first: partitions few members can take are placed while there is room.
        unowned.sort(Comparator.comparingInt((TopicPartition tp) -> membersByTopic.get(tp.topic()).size())
            .thenComparing(PARTITION_ORDER));
        for (TopicPartition tp : unowned) {
            give(leastLoaded(tp, null), tp);
        }
        balance();
    }

    /** Moves partitions from fuller to emptier eligible members until no single move narrows a gap of two or more. */
    private void balance() {
        boolean moved = true;
        while (moved) {
            moved = false;
            List<String> byLoad = new ArrayList<>(assignment.keySet());
            byLoad.sort(Comparator.comparingInt((String m) -> -assignment.get(m).size()).thenComparing(m -> m));
            outer:
            for (String from : byLoad) {
                int load = assignment.get(from).size();
                List<TopicPartition> candidates = new ArrayList<>(assignment.get(from));
                // partitions this member did not own before are the cheapest to move
                candidates.sort(Comparator.comparing((TopicPartition tp) -> claimants(tp).contains(from))
                    .thenComparing(PARTITION_ORDER));
                for (TopicPartition tp : candidates) {
                    String to = leastLoaded(tp, from);
                    if (to != null && assignment.get(to).size() < load - 1) {
                        take(from, tp);
                        give(to, tp);
                        moved = true;
                        break outer;
                    }
                }
            }
        }
    }

    private String leastLoaded(TopicPartition tp, String except) {
        String best = null;
        for (String m : membersByTopic.get(tp.topic())) {
            if (!m.equals(except) && (best == null || assignment.get(m).size() < assignment.get(best).size())) {
                best = m;
            }
        }
        return best;
    }

    private void give(String member, TopicPartition tp) {
        assignment.get(member).add(tp);
        owner.put(tp, member);
    }

    private void take(String member, TopicPartition tp) {
        assignment.get(member).remove(tp);
        owner.remove(tp);
    }
}
