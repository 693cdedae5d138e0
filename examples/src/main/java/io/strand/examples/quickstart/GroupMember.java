package io.strand.examples.quickstart;

import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.TopicPartition;
import io.strand.examples.KafkaConsumerRunner;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One consumer of the quickstart's group on a thread of its own: a {@link KafkaConsumerRunner}
 * that writes what it reads into the ledger and keeps track of the partitions it holds.
 */
final class GroupMember {

    private final String name;
    private final Set<Integer> partitions = new ConcurrentSkipListSet<>();
    private final LongAdder records = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final KafkaConsumerRunner<Long, byte[]> runner;
    private final Thread thread;

    GroupMember(String name, Properties props, String topic, DeliveryLedger ledger) {
        this.name = name;
        ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                revoked.forEach(tp -> partitions.remove(tp.partition()));
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                assigned.forEach(tp -> partitions.add(tp.partition()));
            }
        };
        this.runner = new KafkaConsumerRunner<>(new KafkaConsumer<>(props), topic, listener, record -> {
            records.increment();
            ledger.received(record.partition(), record.offset(), record.key());
        });
        this.thread = new Thread(runner, name);
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    }

    String name() {
        return name;
    }

    void start() {
        thread.start();
    }

    KafkaConsumerRunner<Long, byte[]> runner() {
        return runner;
    }

    Thread thread() {
        return thread;
    }

    /** The partitions this member holds now. */
    List<Integer> partitions() {
        return List.copyOf(partitions);
    }

    /** Records handed to this member, duplicates included. */
    long records() {
        return records.sum();
    }

    /** What ended the thread with an exception, or null. */
    Throwable failure() {
        return failure.get();
    }
}
