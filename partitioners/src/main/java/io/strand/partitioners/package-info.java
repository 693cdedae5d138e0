/**
 * Partitioners a producer picks with {@code partitioner.class}, beside the clients module's
 * {@link io.strand.clients.producer.RoundRobinPartitioner} (which lives where Apache's does, so that
 * {@code org.apache.kafka.clients.producer.RoundRobinPartitioner} in a properties file finds it):
 * {@link io.strand.partitioners.ConsistentHashPartitioner} (keys stay put when partitions are
 * added: about 1/(N+1) move from N to N+1 partitions, against N/(N+1) for murmur2 modulo) and
 * {@link io.strand.partitioners.KeyMappingPartitioner} (chosen keys to chosen partitions, from
 * {@code partitioner.key.mapping}). Each is thread-safe and reads its settings from the
 * producer's configuration.
 */
package io.strand.partitioners;
