package io.strand.interceptors;

import io.strand.clients.consumer.ConsumerInterceptor;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.producer.ProducerInterceptor;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.header.Headers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Interceptor chains built the way a client builds them from {@code interceptor.classes}: each class
 * instantiated through its public no-argument constructor and configured with the whole map; each
 * interceptor's exception is recorded and skipped, the record going on as the previous interceptor
 * left it (Apache's semantics, which Strand's clients mirror).
 */
final class Chains {

    private Chains() {
    }

    static List<Object> build(Map<String, ?> configs) throws ReflectiveOperationException {
        List<Object> chain = new ArrayList<>();
        for (String name : String.valueOf(configs.get("interceptor.classes")).split("\\s*,\\s*")) {
            Object interceptor = Class.forName(name).getConstructor().newInstance();
            if (interceptor instanceof ProducerInterceptor) {
                ((ProducerInterceptor<?, ?>) interceptor).configure(configs);
            } else {
                ((ConsumerInterceptor<?, ?>) interceptor).configure(configs);
            }
            chain.add(interceptor);
        }
        return chain;
    }

    /** Passes {@code value} through each interceptor in turn; one that throws is recorded and skipped. */
    static <I, T> T through(List<I> chain, T value, BiFunction<I, T, T> step, List<Exception> errors) {
        T current = value;
        for (I interceptor : chain) {
            try {
                current = step.apply(interceptor, current);
            } catch (Exception e) {
                errors.add(e);
            }
        }
        return current;
    }

    static final class Producer<K, V> implements AutoCloseable {
        final List<ProducerInterceptor<K, V>> interceptors = new ArrayList<>();
        final List<Exception> errors = Collections.synchronizedList(new ArrayList<>());

        @SuppressWarnings("unchecked")
        Producer(Map<String, ?> configs) throws ReflectiveOperationException {
            for (Object o : build(configs)) {
                interceptors.add((ProducerInterceptor<K, V>) o);
            }
        }

        ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
            return through(interceptors, record, ProducerInterceptor::onSend, errors);
        }

        void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
            for (ProducerInterceptor<K, V> i : interceptors) {
                try {
                    i.onAcknowledgement(metadata, exception, headers);
                } catch (Exception e) {
                    errors.add(e);
                }
            }
        }

        <T> T get(Class<T> type) {
            return type.cast(interceptors.stream().filter(type::isInstance).findFirst().orElseThrow());
        }

        @Override
        public void close() {
            interceptors.forEach(ProducerInterceptor::close);
        }
    }

    static final class Consumer<K, V> implements AutoCloseable {
        final List<ConsumerInterceptor<K, V>> interceptors = new ArrayList<>();
        final List<Exception> errors = new ArrayList<>();

        @SuppressWarnings("unchecked")
        Consumer(Map<String, ?> configs) throws ReflectiveOperationException {
            for (Object o : build(configs)) {
                interceptors.add((ConsumerInterceptor<K, V>) o);
            }
        }

        ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
            return through(interceptors, records, ConsumerInterceptor::onConsume, errors);
        }

        <T> T get(Class<T> type) {
            return type.cast(interceptors.stream().filter(type::isInstance).findFirst().orElseThrow());
        }

        @Override
        public void close() {
            interceptors.forEach(ConsumerInterceptor::close);
        }
    }
}
