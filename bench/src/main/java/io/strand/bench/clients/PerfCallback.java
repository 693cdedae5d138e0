package io.strand.bench.clients;

/**
 * A send callback that both producers accept as it is, so neither pays for a wrapper per
 * record. Subclasses see only whether the send succeeded.
 */
public abstract class PerfCallback
    implements org.apache.kafka.clients.producer.Callback, io.strand.clients.producer.Callback {

    /** Called on the producer's I/O thread once the broker acknowledged the record, or it failed. */
    public abstract void completed(Exception exception);

    @Override
    public final void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
        completed(exception);
    }

    @Override
    public final void onCompletion(io.strand.clients.producer.RecordMetadata metadata, Exception exception) {
        completed(exception);
    }
}
