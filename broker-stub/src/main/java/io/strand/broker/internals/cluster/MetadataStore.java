package io.strand.broker.internals.cluster;

import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Topic metadata on disk, so a broker restarted on the same data directory finds its topics:
 * one properties file per topic (id, partitions with replicas, leader and leader epoch, config
 * overrides) and one for the cluster (id, producer id high-water mark), under
 * {@code <dataDir>/__strand_metadata}. Each write goes to a temporary file renamed over the old one.
 */
public final class MetadataStore implements ClusterListener {

    static final String DIR = "__strand_metadata";
    private static final String SUFFIX = ".properties";

    private final Path dir;
    private final Path topicsDir;

    public MetadataStore(Path dataDir) {
        this.dir = dataDir.resolve(DIR);
        this.topicsDir = dir.resolve("topics");
        try {
            Files.createDirectories(topicsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the metadata directory " + topicsDir, e);
        }
    }

    /** The cluster-wide values saved before (empty when the directory is new). */
    public Properties loadCluster() {
        return read(dir.resolve("cluster" + SUFFIX));
    }

    public void saveCluster(Properties props) {
        write(dir.resolve("cluster" + SUFFIX), props);
    }

    /** Puts every saved topic back into {@code cluster}. */
    public void loadTopics(ClusterState cluster) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(topicsDir, "*" + SUFFIX)) {
            for (Path f : files) {
                Properties p = read(f);
                String name = p.getProperty("name");
                int count = Integer.parseInt(p.getProperty("partitions"));
                Map<String, String> overrides = new HashMap<>();
                for (String key : p.stringPropertyNames()) {
                    if (key.startsWith("config.")) {
                        overrides.put(key.substring("config.".length()), p.getProperty(key));
                    }
                }
                List<PartitionState> parts = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    String[] r = p.getProperty("p." + i + ".replicas").split(",");
                    int[] replicas = new int[r.length];
                    for (int k = 0; k < r.length; k++) {
                        replicas[k] = Integer.parseInt(r[k].trim());
                    }
                    parts.add(new PartitionState(new TopicPartition(name, i), replicas,
                        Integer.parseInt(p.getProperty("p." + i + ".leader")),
                        Integer.parseInt(p.getProperty("p." + i + ".epoch"))));
                }
                cluster.restore(name, Uuid.fromString(p.getProperty("id")), TopicConfig.of(overrides), parts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read topic metadata in " + topicsDir, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Corrupt topic metadata in " + topicsDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void topicCreated(TopicState topic) {
        save(topic);
    }

    @Override
    public void topicChanged(TopicState topic) {
        save(topic);
    }

    @Override
    public void topicDeleted(TopicState topic) {
        try {
            Files.deleteIfExists(topicsDir.resolve(topic.name() + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the metadata of topic " + topic.name(), e);
        }
    }

    private void save(TopicState t) {
        Properties p = new Properties();
        p.setProperty("name", t.name());
        p.setProperty("id", t.id().toString());
        List<PartitionState> parts = t.partitions();
        p.setProperty("partitions", Integer.toString(parts.size()));
        for (PartitionState ps : parts) {
            StringBuilder r = new StringBuilder();
            for (int id : ps.replicas()) {
                r.append(r.length() == 0 ? "" : ",").append(id);
            }
            PartitionState.Leadership l = ps.leadership();
            p.setProperty("p." + ps.partition() + ".replicas", r.toString());
            p.setProperty("p." + ps.partition() + ".leader", Integer.toString(l.leader()));
            p.setProperty("p." + ps.partition() + ".epoch", Integer.toString(l.epoch()));
        }
        t.config().overrides().forEach((k, v) -> p.setProperty("config." + k, v));
        write(topicsDir.resolve(t.name() + SUFFIX), p);
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return p;
    }

    private static void write(Path file, Properties p) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, null);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
