package io.strand.clients.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.strand.clients.producer.BufferExhaustedException;
import io.strand.common.KafkaException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static BufferPool pool(long total) {
        return new BufferPool(total, PooledByteBufAllocator.DEFAULT);
    }

    @Test
    void accountsForWhatIsHeld() throws Exception {
        BufferPool pool = pool(1000);
        ByteBuf a = pool.allocate(400, 0);
        assertTrue(a.capacity() >= 400);
        assertEquals(600, pool.availableMemory());
        ByteBuf b = pool.allocate(600, 0);
        assertEquals(0, pool.availableMemory());
        pool.deallocate(a, 400);
        pool.deallocate(b, 600);
        assertEquals(1000, pool.availableMemory());
        assertEquals(0, a.refCnt());
    }

    @Test
    void failsAfterMaxBlockNamingBothSettings() throws Exception {
        BufferPool pool = pool(1000);
        ByteBuf held = pool.allocate(900, 0);
        BufferExhaustedException e = assertThrows(BufferExhaustedException.class, () -> pool.allocate(200, 50));
        assertTrue(e.getMessage().contains("max.block.ms"), e.getMessage());
        assertTrue(e.getMessage().contains("buffer.memory"), e.getMessage());
        assertTrue(e.getMessage().contains("50 ms"), e.getMessage());
        assertEquals(0, pool.queued());
        assertTrue(pool.waitTimeNanosTotal() >= TimeUnit.MILLISECONDS.toNanos(50));
        pool.deallocate(held, 900);
        assertEquals(1000, pool.availableMemory(), "a failed wait takes nothing");
    }

    @Test
    void aBlockedAllocationGoesOnWhenMemoryComesBack() throws Exception {
        BufferPool pool = pool(1000);
        ByteBuf held = pool.allocate(1000, 0);
        Future<ByteBuf> waiting = executor.submit(() -> pool.allocate(500, 60_000));
        awaitQueued(pool, 1);
        pool.deallocate(held, 1000);
        ByteBuf got = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(500, pool.availableMemory());
        pool.deallocate(got, 500);
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        BufferPool pool = pool(1000);
        ByteBuf held = pool.allocate(1000, 0);
        List<Integer> order = new CopyOnWriteArrayList<>();
        Future<?> big = executor.submit(() -> {
            pool.allocate(800, 60_000);
            order.add(1);
            return null;
        });
        awaitQueued(pool, 1);
        Future<?> small = executor.submit(() -> {
            pool.allocate(100, 60_000);
            order.add(2);
            return null;
        });
        awaitQueued(pool, 2);
        // 300 free fits the second waiter but not the first: the first keeps its turn.
        pool.deallocate(null, 300);
        Thread.sleep(100);
        assertTrue(order.isEmpty(), "the later, smaller request must not overtake");
        pool.deallocate(held, 700);
        big.get(30, TimeUnit.SECONDS);
        small.get(30, TimeUnit.SECONDS);
        assertEquals(100, pool.availableMemory());
    }

    @Test
    void closeWakesWaitersWithAnError() throws Exception {
        BufferPool pool = pool(100);
        pool.allocate(100, 0);
        CountDownLatch started = new CountDownLatch(1);
        Future<?> waiting = executor.submit(() -> {
            started.countDown();
            return pool.allocate(50, 60_000);
        });
        started.await();
        awaitQueued(pool, 1);
        pool.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof KafkaException, String.valueOf(e.getCause()));
        assertThrows(KafkaException.class, () -> pool.allocate(1, 0));
    }

    @Test
    void rejectsMoreThanTheWholePool() {
        BufferPool pool = pool(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.allocate(101, 0));
        assertTrue(e.getMessage().contains("buffer.memory"));
    }

    @Test
    void growthIsChargedWithoutBlockingAndHoldsOthersBack() throws Exception {
        BufferPool pool = pool(1000);
        ByteBuf held = pool.allocate(800, 0);
        pool.reserveMore(400);
        assertEquals(0, pool.availableMemory());
        assertThrows(BufferExhaustedException.class, () -> pool.allocate(100, 10));
        pool.deallocate(held, 1200);
        assertEquals(1000, pool.availableMemory());
    }

    private static void awaitQueued(BufferPool pool, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.queued() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + n + " waiters");
            }
            Thread.sleep(5);
        }
    }
}
