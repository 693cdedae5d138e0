package io.strand.common.compress;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A few reusable codec contexts (Deflater, Inflater, zstd contexts). Creating one costs a native
 * allocation of tens to hundreds of KiB, which per batch would dominate small batches. The pool is
 * a handful of slots taken and returned with one atomic swap each, so the usual case of one
 * sender thread (or one consumer thread) always finds its context again; under more concurrency
 * than slots the extra contexts are closed after use instead of piling up.
 */
final class ContextPool<T> {

    private final AtomicReferenceArray<T> slots;
    private final Supplier<T> factory;
    private final Consumer<T> closer;

    ContextPool(Supplier<T> factory, Consumer<T> closer) {
        int size = Math.min(16, Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.slots = new AtomicReferenceArray<>(size);
        this.factory = factory;
        this.closer = closer;
    }

    T acquire() {
        for (int i = 0; i < slots.length(); i++) {
            T context = slots.getAndSet(i, null);
            if (context != null) {
                return context;
            }
        }
        return factory.get();
    }

    /** Returns a context that the caller has reset to a clean state. */
    void release(T context) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.compareAndSet(i, null, context)) {
                return;
            }
        }
        closer.accept(context);
    }
}
