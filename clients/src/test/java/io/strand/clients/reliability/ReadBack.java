package io.strand.clients.reliability;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * What a topic read back says about records whose 8-byte values 0, 1, 2, ... were sent to
 * partition {@code value % partitions} in that order: acknowledged records missing or not at
 * their acknowledged offset, values found twice, values out of send order.
 */
record ReadBack(int total, int lost, int wrongOffset, int duplicated, int misordered) {

    /**
     * @param read         each partition's values in offset order
     * @param records      how many values were sent
     * @param ackedOffset  the offset value i was acknowledged at, or -1 if it was not
     */
    static ReadBack check(Map<Integer, List<byte[]>> read, int partitions, long records, LongUnaryOperator ackedOffset) {
        int total = 0;
        int lost = 0;
        int wrongOffset = 0;
        int duplicated = 0;
        int misordered = 0;
        for (int p = 0; p < partitions; p++) {
            List<byte[]> values = read.get(p);
            total += values.size();
            long previous = -1;
            Set<Long> seen = new HashSet<>();
            for (byte[] v : values) {
                long i = ByteBuffer.wrap(v).getLong();
                if (!seen.add(i)) {
                    duplicated++;
                } else if (i < previous) {
                    misordered++;
                }
                previous = Math.max(previous, i);
            }
            for (long i = p; i < records; i += partitions) {
                long offset = ackedOffset.applyAsLong(i);
                if (offset < 0) {
                    continue;
                }
                if (offset >= values.size()) {
                    lost++;
                } else if (ByteBuffer.wrap(values.get((int) offset)).getLong() != i) {
                    wrongOffset++;
                }
            }
        }
        return new ReadBack(total, lost, wrongOffset, duplicated, misordered);
    }
}
