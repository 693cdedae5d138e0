package io.strand.clients.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.it.TestData;
import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.BootstrapServers;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.NetworkConfig;
import io.strand.clients.testkit.TestUtils;
import io.strand.common.IsolationLevel;
import io.strand.common.TopicPartition;
import io.strand.common.metrics.Metrics;
import io.strand.common.serialization.ByteArrayDeserializer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fetch pipeline against the bundled broker: one fetch in flight per broker, partitions with
 * data waiting are not fetched again, and a partition is fetched anew as soon as its data is used up.
 */
class FetcherTest {

    @Test
    void oneFetchPerBrokerAndNoRefetchOfBufferedPartitions() throws Exception {
        try (StubBroker broker = StubBroker.builder().build()) {
            broker.createTopic("t", 2);
            TestData.produce(broker.bootstrapServers(), "t", 2, 200, 50, "none");
            NetworkClient client = new NetworkClient(new NetworkConfig().clientId("fetcher-test"));
            List<String> servers = List.of(broker.bootstrapServers());
            Metadata metadata = new Metadata(client, servers, BootstrapServers.parseAndResolve(servers, "use_all_dns_ips"),
                300_000, 100, 1000, 30_000, false);
            try (client; metadata; Metrics metrics = new Metrics()) {
                metadata.setTopics(List.of("t"));
                TestUtils.waitUntil(() -> metadata.fetch().partitionCountForTopic("t") != null, 30_000, "metadata of t");
                ConsumerNetworkClient network = new ConsumerNetworkClient(client);
                SubscriptionState subs = new SubscriptionState(AutoOffsetResetStrategy.EARLIEST);
                TopicPartition p0 = new TopicPartition("t", 0);
                TopicPartition p1 = new TopicPartition("t", 1);
                subs.assignFromUser(Set.of(p0, p1));
                subs.seek(p0, 0);
                subs.seek(p1, 0);
                // Small partition fetches (about 40 records each) so that each partition needs several.
                Fetcher<byte[], byte[]> fetcher = new Fetcher<>(new Fetcher.Settings(1, 50 << 20, 500, 3000,
                    IsolationLevel.READ_UNCOMMITTED, true, "", 30_000), metadata, subs, network,
                    new ConsumerMetrics(metrics, "fetcher-test"), new ByteArrayDeserializer(), new ByteArrayDeserializer());

                assertEquals(1, fetcher.sendFetches(System.currentTimeMillis()), "one request for the one broker");
                assertEquals(0, fetcher.sendFetches(System.currentTimeMillis()), "never two in flight to one broker");
                // A broker may answer with data for only some partitions; the others are fetched again.
                TestUtils.waitUntil(() -> {
                    fetcher.sendFetches(System.currentTimeMillis());
                    return fetcher.bufferedPartitions().size() == 2;
                }, 30_000, "both partitions buffered");
                assertFalse(fetcher.hasInFlightFetches());
                assertEquals(0, fetcher.sendFetches(System.currentTimeMillis()), "buffered partitions are not fetched again");

                Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> got = fetcher.collect(5);
                assertEquals(5, got.values().stream().mapToInt(List::size).sum());
                for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> e : got.entrySet()) {
                    assertEquals((long) e.getValue().size(), subs.position(e.getKey()),
                        "the position follows the records handed out");
                }
                TopicPartition first = got.keySet().iterator().next();

                // Use up the first partition's data: now only it is fetched again.
                while (fetcher.bufferedPartitions().contains(first)) {
                    fetcher.collect(1);
                }
                TopicPartition second = first.equals(p0) ? p1 : p0;
                if (fetcher.bufferedPartitions().contains(second)) {
                    assertEquals(1, fetcher.sendFetches(System.currentTimeMillis()));
                    assertTrue(fetcher.hasInFlightFetches());
                }
                long read = subs.position(p0) + subs.position(p1);
                long deadline = System.currentTimeMillis() + 30_000;
                while (read < 400 && System.currentTimeMillis() < deadline) {
                    fetcher.sendFetches(System.currentTimeMillis());
                    fetcher.collect(1000);
                    read = subs.position(p0) + subs.position(p1);
                    Thread.sleep(1);
                }
                assertEquals(200L, subs.position(p0));
                assertEquals(200L, subs.position(p1));
                fetcher.close();
            }
        }
    }
}
