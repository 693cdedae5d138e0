package io.strand.broker.internals.cluster;

/** Hears of metadata changes, under the cluster's lock: to persist them and to drop deleted logs. */
public interface ClusterListener {

    void topicCreated(TopicState topic);

    void topicDeleted(TopicState topic);

    /** Partitions added or a leader moved. */
    void topicChanged(TopicState topic);
}
