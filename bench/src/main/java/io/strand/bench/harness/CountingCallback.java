package io.strand.bench.harness;

import io.strand.bench.clients.PerfCallback;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** One callback shared by every send of a run: counts acknowledgements and failures, keeps the first error. */
final class CountingCallback extends PerfCallback {

    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<Exception> firstError = new AtomicReference<>();

    @Override
    public void completed(Exception exception) {
        if (exception == null) {
            acked.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstError.compareAndSet(null, exception);
        }
    }

    void reset() {
        acked.set(0);
        failed.set(0);
    }
}
