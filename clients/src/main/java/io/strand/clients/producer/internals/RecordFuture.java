package io.strand.clients.producer.internals;

import io.strand.clients.producer.Callback;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.header.Headers;
import io.strand.common.record.RecordBatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What {@code send} returns for one record, and everything the producer must remember to complete
 * it: the callback, the headers interceptors see, the sizes and timestamp for its metadata. One
 * object per record, so the send path allocates nothing else to track it.
 *
 * <p>Only the producer completes it. The methods a caller could use to complete or cancel it throw
 * or refuse, so that what a future says is always what the broker said; stages derived from it
 * ({@code thenApply}, ...) are ordinary futures.
 */
public final class RecordFuture extends CompletableFuture<RecordMetadata> {

    private final Callback callback;
    private final Headers headers;
    private final long timestamp;
    private final int serializedKeySize;
    private final int serializedValueSize;
    private int batchIndex;

    public RecordFuture(Callback callback, Headers headers, long timestamp, int serializedKeySize,
                        int serializedValueSize) {
        this.callback = callback;
        this.headers = headers;
        this.timestamp = timestamp;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
    }

    void batchIndex(int index) {
        this.batchIndex = index;
    }

    int batchIndex() {
        return batchIndex;
    }

    long timestamp() {
        return timestamp;
    }

    int serializedSize() {
        return Math.max(0, serializedKeySize) + Math.max(0, serializedValueSize);
    }

    /**
     * The record was written at {@code baseOffset + batchIndex}. Interceptors run first, then the
     * callback, then dependants of the future, as with Apache's producer.
     *
     * @param logAppendTime the broker's timestamp for LogAppendTime topics, or -1
     */
    void succeed(TopicPartition tp, long baseOffset, long logAppendTime, ProducerInterceptors<?, ?> interceptors) {
        long ts = logAppendTime >= 0 ? logAppendTime : timestamp;
        RecordMetadata metadata = new RecordMetadata(tp, baseOffset, batchIndex, ts, serializedKeySize,
            serializedValueSize);
        finish(metadata, null, interceptors);
    }

    /** The record was not written; {@code tp} may carry partition -1 if none was chosen yet. */
    public void fail(TopicPartition tp, RuntimeException exception, ProducerInterceptors<?, ?> interceptors) {
        RecordMetadata metadata = new RecordMetadata(tp, -1L, -1, RecordBatch.NO_TIMESTAMP,
            -1, -1);
        finish(metadata, exception, interceptors);
    }

    private void finish(RecordMetadata metadata, RuntimeException exception, ProducerInterceptors<?, ?> interceptors) {
        if (interceptors != null) {
            interceptors.onAcknowledgement(metadata, exception, headers);
        }
        if (callback != null) {
            try {
                callback.onCompletion(metadata, exception);
            } catch (RuntimeException e) {
                ProducerInterceptors.LOG.error("Error executing user-provided callback on message for topic-partition '{}'",
                    new TopicPartition(metadata.topic(), metadata.partition()), e);
            }
        }
        if (exception == null) {
            super.complete(metadata);
        } else {
            super.completeExceptionally(exception);
        }
    }

    /** Refused: only the producer completes a send. */
    @Override
    public boolean complete(RecordMetadata value) {
        throw new UnsupportedOperationException("The result of a send is set by the producer only");
    }

    /** Refused: only the producer completes a send. */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        throw new UnsupportedOperationException("The result of a send is set by the producer only");
    }

    @Override
    public void obtrudeValue(RecordMetadata value) {
        throw new UnsupportedOperationException("The result of a send is set by the producer only");
    }

    @Override
    public void obtrudeException(Throwable ex) {
        throw new UnsupportedOperationException("The result of a send is set by the producer only");
    }

    @Override
    public CompletableFuture<RecordMetadata> completeAsync(Supplier<? extends RecordMetadata> supplier, Executor executor) {
        throw new UnsupportedOperationException("The result of a send is set by the producer only");
    }

    /** A record handed to the producer cannot be called back; returns false as Apache's future does. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    /** Dependent stages are plain futures, free for their owners to complete. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        return "RecordFuture(" + (isDone() ? (isCompletedExceptionally() ? "failed" : "done") : "pending") + ")";
    }
}
