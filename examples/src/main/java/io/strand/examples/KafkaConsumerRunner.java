package io.strand.examples;

import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.errors.WakeupException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One consumer on its own thread, stopped from another thread by {@link #shutdown()}. A consumer
 * is not thread-safe; {@code wakeup()} is its one method that any thread may call. It makes a
 * blocked (or the next) {@code poll} throw {@link WakeupException}, which ends the loop here.
 */
public class KafkaConsumerRunner<K, V> implements Runnable {

    private final AtomicBoolean closed = new AtomicBoolean(false);
    private final KafkaConsumer<K, V> consumer;
    private final String topic;
    private final ConsumerRebalanceListener listener;
    private final Consumer<ConsumerRecord<K, V>> handler;

    public KafkaConsumerRunner(KafkaConsumer<K, V> consumer, String topic, Consumer<ConsumerRecord<K, V>> handler) {
        this(consumer, topic, null, handler);
    }

    /** A runner whose consumer tells {@code listener}, if not null, when partitions are assigned and revoked. */
    public KafkaConsumerRunner(KafkaConsumer<K, V> consumer, String topic, ConsumerRebalanceListener listener,
                               Consumer<ConsumerRecord<K, V>> handler) {
        this.consumer = consumer;
        this.topic = topic;
        this.listener = listener;
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            if (listener != null) {
                consumer.subscribe(List.of(topic), listener);
            } else {
                consumer.subscribe(List.of(topic));
            }
            while (!closed.get()) {
                ConsumerRecords<K, V> records = consumer.poll(Duration.ofMillis(10_000));
                for (ConsumerRecord<K, V> record : records) {
                    handler.accept(record);
                }
            }
        } catch (WakeupException e) {
            // Ignore exception if closing
            if (!closed.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /** Shutdown hook which can be called from a separate thread. */
    public void shutdown() {
        closed.set(true);
        consumer.wakeup();
    }
}
