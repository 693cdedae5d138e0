package io.strand.broker.internals.data;

import java.util.function.LongConsumer;

/**
 * Hands out producer ids. With a data directory the ids are reserved in blocks whose upper end
 * is saved before any id of the block is used, so a restarted broker never repeats an id that a
 * producer may still hold.
 */
public final class ProducerIdAllocator {

    static final long BLOCK = 1000;

    private final LongConsumer saveLimit;
    private long next;
    private long limit;

    /**
     * @param first     the first id to hand out
     * @param saveLimit persists the end of a newly reserved block, or null to keep ids in memory
     */
    public ProducerIdAllocator(long first, LongConsumer saveLimit) {
        this.next = first;
        this.limit = first;
        this.saveLimit = saveLimit;
    }

    public synchronized long next() {
        if (saveLimit != null && next >= limit) {
            limit = next + BLOCK;
            saveLimit.accept(limit);
        }
        return next++;
    }
}
