package io.strand.broker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone broker: {@code java -jar strand-broker-stub.jar --port 9092}. Runs until
 * interrupted (Ctrl-C); {@code --help} lists the options.
 */
public final class StubBrokerMain {

    private StubBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StubBroker.Builder builder = StubBroker.builder().port(9092);
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        usage(System.out);
                        return;
                    }
                    case "--port" -> builder.port(intValue(args, ++i, arg));
                    case "--host" -> builder.host(value(args, ++i, arg));
                    case "--nodes" -> builder.nodes(intValue(args, ++i, arg));
                    case "--partitions" -> builder.defaultPartitions(intValue(args, ++i, arg));
                    case "--replication-factor" -> builder.defaultReplicationFactor(intValue(args, ++i, arg));
                    case "--auto-create-topics" -> builder.autoCreateTopics(booleanValue(args, ++i, arg));
                    case "--data-dir" -> builder.dataDir(Path.of(value(args, ++i, arg)));
                    case "--max-frame-bytes" -> builder.maxFrameBytes(intValue(args, ++i, arg));
                    case "--cluster-id" -> builder.clusterId(value(args, ++i, arg));
                    case "--flush-every-append" -> builder.flushEveryAppend(booleanValue(args, ++i, arg));
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("strand-broker-stub: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        StubBroker broker = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "strand-broker-shutdown"));
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + v + "'");
        }
    }

    private static boolean booleanValue(String[] args, int i, String option) {
        String v = value(args, i, option);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(option + " takes true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar strand-broker-stub.jar [options]");
        out.println();
        out.println("A Kafka-protocol broker for development and tests.");
        out.println();
        out.println("  --port N                  port of node 0; node i listens on N+i (default 9092; 0 = free ports)");
        out.println("  --host HOST               address to listen on and advertise (default 127.0.0.1)");
        out.println("  --nodes N                 number of nodes (brokers) in the cluster (default 1)");
        out.println("  --partitions N            partitions of topics created without a count (default 1)");
        out.println("  --replication-factor N    replicas of topics created without one (default: the node count)");
        out.println("  --auto-create-topics B    create unknown topics on Metadata requests: true or false (default true)");
        out.println("  --data-dir DIR            keep logs and topic metadata in DIR across restarts (default: in memory)");
        out.println("  --max-frame-bytes N       largest request accepted, in bytes (default 104857600)");
        out.println("  --cluster-id ID           a fixed cluster id (default: random, or the one saved in --data-dir)");
        out.println("  --flush-every-append B    with --data-dir, fsync each append before acknowledging it: true or false");
        out.println("                            (default false: acknowledged data survives the broker being killed,");
        out.println("                            not a power loss)");
        out.println("  -h, --help                show this help");
    }
}
