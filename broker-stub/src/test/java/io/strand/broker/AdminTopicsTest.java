package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Apache's Admin client against a three-node broker: topics created, described, grown, deleted. */
class AdminTopicsTest {

    private static StubBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().nodes(3).build();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        admin = Admin.create(p);
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createsDescribesAndDeletesTopics() throws Exception {
        admin.createTopics(List.of(new NewTopic("admin-a", 6, (short) 2),
            new NewTopic("admin-b", 1, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime"))))
            .all().get();
        assertTrue(admin.listTopics().names().get().containsAll(Set.of("admin-a", "admin-b")));

        TopicDescription a = admin.describeTopics(List.of("admin-a")).allTopicNames().get().get("admin-a");
        assertEquals(6, a.partitions().size());
        assertNotNull(a.topicId());
        Set<Integer> leaders = new HashSet<>();
        for (TopicPartitionInfo p : a.partitions()) {
            assertEquals(2, p.replicas().size());
            assertEquals(2, p.isr().size());
            leaders.add(p.leader().id());
        }
        assertEquals(3, leaders.size(), "leaders spread over the three nodes");

        Config cfg = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "admin-b")))
            .all().get().values().iterator().next();
        assertEquals("LogAppendTime", cfg.get("message.timestamp.type").value());
        assertEquals("delete", cfg.get("cleanup.policy").value());

        admin.deleteTopics(List.of("admin-a")).all().get();
        assertFalse(admin.listTopics().names().get().contains("admin-a"));
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> admin.describeTopics(List.of("admin-a")).allTopicNames().get());
        assertInstanceOf(UnknownTopicOrPartitionException.class, e.getCause());
    }

    @Test
    void rejectsBadTopics() throws Exception {
        admin.createTopics(List.of(new NewTopic("admin-dup", 1, (short) 1))).all().get();
        assertCause(TopicExistsException.class, () -> admin.createTopics(List.of(new NewTopic("admin-dup", 1, (short) 1))).all().get());
        assertCause(InvalidTopicException.class, () -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get());
        assertCause(InvalidConfigurationException.class, () -> admin.createTopics(List.of(
            new NewTopic("admin-cfg", 1, (short) 1).configs(Map.of("no.such.config", "1")))).all().get());
        assertCause(InvalidPartitionsException.class, () -> admin.createPartitions(
            Map.of("admin-dup", NewPartitions.increaseTo(1))).all().get());
    }

    @Test
    void growsPartitionsAndDescribesTheCluster() throws Exception {
        admin.createTopics(List.of(new NewTopic("admin-grow", 2, (short) 1))).all().get();
        admin.createPartitions(Map.of("admin-grow", NewPartitions.increaseTo(5))).all().get();
        assertEquals(5, admin.describeTopics(List.of("admin-grow")).allTopicNames().get().get("admin-grow")
            .partitions().size());
        List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get());
        assertEquals(3, nodes.size());
        assertEquals(broker.clusterId(), admin.describeCluster().clusterId().get());
        Config brokerCfg = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
            .all().get().values().iterator().next();
        assertEquals("1", brokerCfg.get("broker.id").value());
    }

    private static void assertCause(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable call) {
        ExecutionException e = assertThrows(ExecutionException.class, call);
        assertInstanceOf(type, e.getCause(), e.getCause().toString());
    }
}
