package io.strand.broker.internals.group;

/** What the coordinator needs to know of the broker's topics: whether a partition exists to commit an offset for. */
@FunctionalInterface
public interface TopicLookup {

    /** The number of partitions of {@code topic}, or -1 if the broker has no such topic. */
    int partitionCount(String topic);
}
