package io.strand.bench;

import io.strand.common.utils.Crc32C;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** CRC-32C over a 1 MiB buffer, heap or direct: the cost of checking (or sealing) a large batch. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Crc32CBenchmark {

    @Param({"heap", "direct"})
    public String memory;

    private ByteBuffer buffer;

    @Setup
    public void setup() {
        byte[] bytes = new byte[1024 * 1024];
        new Random(5).nextBytes(bytes);
        buffer = "direct".equals(memory) ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        buffer.put(bytes).flip();
    }

    @Benchmark
    public long crc32c() {
        return Crc32C.compute(buffer, 0, buffer.limit());
    }
}
