package io.strand.clients.consumer;

import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.metrics.KafkaMetric;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consumer API; see {@link KafkaConsumer}. Mirrors Apache Kafka's {@code Consumer}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Consumer<K, V> extends Closeable {

    Set<TopicPartition> assignment();

    Set<String> subscription();

    void subscribe(Collection<String> topics);

    void subscribe(Collection<String> topics, ConsumerRebalanceListener callback);

    void assign(Collection<TopicPartition> partitions);

    void subscribe(Pattern pattern, ConsumerRebalanceListener callback);

    void subscribe(Pattern pattern);

    void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback);

    void subscribe(SubscriptionPattern pattern);

    void unsubscribe();

    ConsumerRecords<K, V> poll(Duration timeout);

    void commitSync();

    void commitSync(Duration timeout);

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);

    void commitAsync();

    void commitAsync(OffsetCommitCallback callback);

    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

    void registerMetricForSubscription(KafkaMetric metric);

    void unregisterMetricFromSubscription(KafkaMetric metric);

    void seek(TopicPartition partition, long offset);

    void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata);

    void seekToBeginning(Collection<TopicPartition> partitions);

    void seekToEnd(Collection<TopicPartition> partitions);

    long position(TopicPartition partition);

    long position(TopicPartition partition, Duration timeout);

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout);

    Uuid clientInstanceId(Duration timeout);

    Map<MetricName, ? extends Metric> metrics();

    List<PartitionInfo> partitionsFor(String topic);

    List<PartitionInfo> partitionsFor(String topic, Duration timeout);

    Map<String, List<PartitionInfo>> listTopics();

    Map<String, List<PartitionInfo>> listTopics(Duration timeout);

    Set<TopicPartition> paused();

    void pause(Collection<TopicPartition> partitions);

    void resume(Collection<TopicPartition> partitions);

    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch);

    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch,
                                                            Duration timeout);

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout);

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout);

    OptionalLong currentLag(TopicPartition topicPartition);

    ConsumerGroupMetadata groupMetadata();

    void enforceRebalance();

    void enforceRebalance(String reason);

    @Override
    void close();

    void close(Duration timeout);

    void close(CloseOptions option);

    void wakeup();
}
