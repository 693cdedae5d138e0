package io.strand.common.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Bytes behaves as Apache's Bytes: equality, hash, order, text form and increment. */
class BytesTest {

    private static List<byte[]> samples() {
        List<byte[]> samples = new ArrayList<>(List.of(new byte[0], new byte[] {0}, new byte[] {-1}, new byte[] {0, 0},
                new byte[] {1, 2, 3}, new byte[] {1, 2}, new byte[] {(byte) 0x80}, new byte[] {0x7F},
                new byte[] {'\\', 'a', ' ', '~', 0x7F, 0x1F, 'Z'}, new byte[] {(byte) 0xFF, (byte) 0xFF},
                new byte[] {0, (byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF}));
        Random random = new Random(11);
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[random.nextInt(5)];
            random.nextBytes(bytes);
            samples.add(bytes);
        }
        return samples;
    }

    @Test
    void compareToEqualsAndHashCodeMatchApache() {
        for (byte[] a : samples()) {
            for (byte[] b : samples()) {
                int expected = Integer.signum(org.apache.kafka.common.utils.Bytes.wrap(a)
                        .compareTo(org.apache.kafka.common.utils.Bytes.wrap(b)));
                assertEquals(expected, Integer.signum(Bytes.wrap(a).compareTo(Bytes.wrap(b))));
                assertEquals(expected, Integer.signum(Bytes.BYTES_LEXICO_COMPARATOR.compare(a, 0, a.length, b, 0, b.length)));
                assertEquals(expected == 0, Bytes.wrap(a).equals(Bytes.wrap(b)));
            }
            assertEquals(org.apache.kafka.common.utils.Bytes.wrap(a).hashCode(), Bytes.wrap(a).hashCode());
        }
        assertNotEquals(Bytes.wrap(new byte[] {1}), new byte[] {1});
    }

    @Test
    void rangesCompareOnlyTheRange() {
        byte[] a = {9, 1, 2, 3, 9};
        byte[] b = {1, 2, 3};
        assertEquals(0, Bytes.BYTES_LEXICO_COMPARATOR.compare(a, 1, 3, b, 0, 3));
        assertEquals(-1, Integer.signum(Bytes.BYTES_LEXICO_COMPARATOR.compare(a, 1, 2, b, 0, 3)));
    }

    @Test
    void toStringMatchesApache() {
        for (byte[] a : samples()) {
            assertEquals(org.apache.kafka.common.utils.Bytes.wrap(a).toString(), Bytes.wrap(a).toString());
        }
    }

    @Test
    void incrementMatchesApacheAndFailsOnOverflow() {
        for (byte[] a : samples()) {
            byte[] original = a.clone();
            Bytes mine;
            try {
                mine = Bytes.increment(Bytes.wrap(a));
            } catch (IndexOutOfBoundsException e) {
                assertThrows(IndexOutOfBoundsException.class,
                        () -> org.apache.kafka.common.utils.Bytes.increment(org.apache.kafka.common.utils.Bytes.wrap(a)));
                continue;
            }
            assertArrayEquals(org.apache.kafka.common.utils.Bytes.increment(org.apache.kafka.common.utils.Bytes.wrap(a)).get(),
                    mine.get());
            assertArrayEquals(original, a, "the input must not change");
        }
        assertArrayEquals(new byte[] {1, 0, 0}, Bytes.increment(Bytes.wrap(new byte[] {0, (byte) 0xFF, (byte) 0xFF})).get());
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.increment(Bytes.wrap(new byte[] {(byte) 0xFF})));
    }

    @Test
    void wrapKeepsNullAndTheArray() {
        assertNull(Bytes.wrap(null));
        byte[] array = {1};
        assertEquals(array, Bytes.wrap(array).get());
    }
}
