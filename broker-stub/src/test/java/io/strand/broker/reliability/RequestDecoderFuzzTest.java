package io.strand.broker.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Frames;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's request decoding, step by step as {@code RequestDispatcher} runs it (header, API
 * key, version range, body), fed valid, mutated, truncated, mislabelled and random frames: each
 * one decodes or fails with a ProtocolDecodeException, and no decode allocates more than a
 * constant factor of the frame's size plus a constant, however large the lengths it claims.
 */
class RequestDecoderFuzzTest {

    private static final Logger log = LoggerFactory.getLogger(RequestDecoderFuzzTest.class);

    static final long SEED = Long.getLong("strand.fuzz.seed", 20240808L);
    static final int FRAMES = Integer.getInteger("strand.fuzz.frames", 150_000);

    /** Bytes a decode may allocate per byte of frame: a Struct and its list slot per struct of one wire byte. */
    static final long BYTES_PER_FRAME_BYTE = 128;
    /** Plus this much for any frame: the header, a typed exception with its stack trace. */
    static final long CONSTANT_BYTES = 32 * 1024;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void everyFrameDecodesOrFailsTypedWithAllocationBoundedByItsSize() {
        MutatedRequests input = new MutatedRequests(SEED);
        warmUp(input);
        List<String> failures = new ArrayList<>();
        int decoded = 0;
        int rejected = 0;
        long worstExcess = 0;
        double worstRatio = 0;
        long start = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = input.next();
            ByteBuf buf = Unpooled.wrappedBuffer(frame);
            long before = threads.getCurrentThreadAllocatedBytes();
            Throwable error = decode(buf);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (error == null) {
                decoded++;
            } else if (error instanceof ProtocolDecodeException) {
                rejected++;
            } else {
                failures.add("frame " + i + " (" + input.lastKind() + ") threw " + error + ": "
                    + ByteBufUtil.hexDump(frame));
            }
            long bound = BYTES_PER_FRAME_BYTE * frame.length + CONSTANT_BYTES;
            if (allocated > bound) {
                failures.add("frame " + i + " (" + input.lastKind() + ", " + frame.length + " bytes) allocated "
                    + allocated + " bytes, above " + bound + ": " + ByteBufUtil.hexDump(frame));
            }
            worstExcess = Math.max(worstExcess, allocated - BYTES_PER_FRAME_BYTE * frame.length);
            if (frame.length >= 64) {
                worstRatio = Math.max(worstRatio, (double) allocated / frame.length);
            }
            if (failures.size() > 20) {
                break;
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        log.info("Request decoder fuzz: {} frames (seed {}) in {} ms: {} decoded, {} rejected typed; kinds {}; "
                + "most allocated per frame byte (frames of 64 bytes or more) {}, largest excess over {}/byte {} bytes",
            FRAMES, SEED, ms, decoded, rejected, input.counts(), String.format("%.1f", worstRatio),
            BYTES_PER_FRAME_BYTE, worstExcess);
        assertEquals(List.of(), failures);
        assertEquals(FRAMES, decoded + rejected);
        assertTrue(decoded > FRAMES / 20 && rejected > FRAMES / 4, "the mix exercises both outcomes");
    }

    /** What the dispatcher does before calling a handler; the error, or null if the request decoded. */
    static Throwable decode(ByteBuf frame) {
        try {
            RequestHeader header = Frames.readRequestHeader(frame);
            ApiKeys api = header.api();
            if (api == null || !api.isVersionSupported(header.apiVersion())) {
                return new ProtocolDecodeException("Request", header.apiVersion(), "api_key", "not served", null);
            }
            ApiDefinitions.of(api).readRequest(frame, header.apiVersion());
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Loads and compiles what decoding uses, so that class initialisation is not charged to a frame. */
    private static void warmUp(MutatedRequests input) {
        for (short[] av : input.corpus().apiVersions()) {
            decode(Unpooled.wrappedBuffer(input.valid(ApiKeys.forId(av[0]), av[1])));
        }
        MutatedRequests other = new MutatedRequests(SEED + 1);
        for (int i = 0; i < 20_000; i++) {
            decode(Unpooled.wrappedBuffer(other.next()));
        }
    }
}
