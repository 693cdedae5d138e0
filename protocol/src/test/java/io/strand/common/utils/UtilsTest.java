package io.strand.common.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** murmur2 and toPositive against Apache's own functions, which are the definition. */
class UtilsTest {

    @Test
    void murmur2MatchesApacheOnRandomKeysOfEveryLength() {
        SplittableRandom random = new SplittableRandom(4242);
        for (int i = 0; i < 200_000; i++) {
            byte[] key = new byte[random.nextInt(0, 70)];
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte) random.nextInt();
            }
            assertEquals(org.apache.kafka.common.utils.Utils.murmur2(key), Utils.murmur2(key), () -> "key of " + key.length + " bytes");
        }
    }

    @Test
    void murmur2MatchesApacheOnTextKeys() {
        for (int i = 0; i < 50_000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            assertEquals(org.apache.kafka.common.utils.Utils.murmur2(key), Utils.murmur2(key));
        }
        assertEquals(org.apache.kafka.common.utils.Utils.murmur2(new byte[0]), Utils.murmur2(new byte[0]));
    }

    @Test
    void toPositiveMasksTheSignBitLikeApache() {
        int[] samples = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, -123456789, 987654321};
        for (int n : samples) {
            assertEquals(org.apache.kafka.common.utils.Utils.toPositive(n), Utils.toPositive(n));
        }
        assertEquals(0, Utils.toPositive(Integer.MIN_VALUE));
    }
}
