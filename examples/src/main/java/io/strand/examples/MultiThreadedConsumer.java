package io.strand.examples;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.serialization.StringDeserializer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several consumers of one group, one thread each ({@link KafkaConsumerRunner}), sharing the
 * topic's partitions. When all records have arrived (or on Ctrl-C, through a shutdown hook) the
 * main thread calls {@code shutdown()} on each runner: {@code wakeup()} interrupts a poll that
 * may otherwise wait 10 seconds, and each thread closes its own consumer.
 */
public final class MultiThreadedConsumer extends BaseCommand {

    public MultiThreadedConsumer() {
        super("consumer-threads", "consumers on several threads, shut down with wakeup() (KafkaConsumerRunner)",
            Option.BOOTSTRAP_SERVER, Option.topic("consumer-threads-example"), Option.records(100),
            Option.value("group", "id", "the consumer group", "consumer-threads-example"),
            Option.number("threads", "consumer threads", 3, 1));
    }

    @Override
    public int run(Invocation in) throws InterruptedException {
        SampleRecords.write(in, in.topic(), 6, in.records());
        Result result = consume(in.bootstrapServers(), in.topic(), in.string("group"), in.intValue("threads"),
            in.records());
        for (int i = 0; i < result.perThread().size(); i++) {
            in.out().println("thread " + i + " handled " + result.perThread().get(i) + " records");
        }
        in.out().println("Received " + result.distinct() + " distinct records; every thread has stopped: "
            + result.allStopped());
        return result.distinct() >= in.records() && result.allStopped() ? 0 : 1;
    }

    /**
     * @param perThread records each thread handled
     * @param distinct  distinct (partition, offset) pairs among them
     * @param allStopped whether every thread ended after shutdown
     */
    record Result(List<Long> perThread, int distinct, boolean allStopped) {
    }

    static Result consume(String bootstrapServers, String topic, String groupId, int threads, int expected)
        throws InterruptedException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch allSeen = new CountDownLatch(expected);
        List<AtomicLong> counts = new ArrayList<>();
        List<KafkaConsumerRunner<String, String>> runners = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            AtomicLong count = new AtomicLong();
            counts.add(count);
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
            KafkaConsumerRunner<String, String> runner = new KafkaConsumerRunner<>(consumer, topic, record -> {
                count.incrementAndGet();
                if (seen.add(record.partition() + "@" + record.offset())) {
                    allSeen.countDown();
                }
            });
            runners.add(runner);
            workers.add(new Thread(runner, "consumer-" + i));
        }
        // On Ctrl-C the JVM runs this hook: the consumers leave their group cleanly before it exits.
        Thread hook = new Thread(() -> stop(runners, workers));
        Runtime.getRuntime().addShutdownHook(hook);
        workers.forEach(Thread::start);

        allSeen.await(SampleRecords.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        boolean allStopped = stop(runners, workers);
        Runtime.getRuntime().removeShutdownHook(hook);
        return new Result(counts.stream().map(AtomicLong::get).toList(), seen.size(), allStopped);
    }

    /** Asks every runner to stop and waits for its thread; true if all threads ended. */
    public static boolean stop(List<? extends KafkaConsumerRunner<?, ?>> runners, List<Thread> workers) {
        runners.forEach(KafkaConsumerRunner::shutdown);
        boolean allStopped = true;
        for (Thread t : workers) {
            try {
                t.join(SampleRecords.WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            allStopped &= !t.isAlive();
        }
        return allStopped;
    }
}
