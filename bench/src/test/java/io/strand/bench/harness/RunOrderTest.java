package io.strand.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.bench.clients.ClientKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunOrderTest {

    private static final List<SideBySide.Combo> FOUR = List.of(
        new SideBySide.Combo(ClientKind.STRAND, BrokerKind.BUNDLED),
        new SideBySide.Combo(ClientKind.APACHE, BrokerKind.BUNDLED),
        new SideBySide.Combo(ClientKind.STRAND, BrokerKind.REAL),
        new SideBySide.Combo(ClientKind.APACHE, BrokerKind.REAL));

    @Test
    void overAsManyRepetitionsAsCombinationsEachRunsOnceInEachPlace() {
        for (int start = 0; start < 3; start++) {
            for (int place = 0; place < FOUR.size(); place++) {
                Set<SideBySide.Combo> seen = new HashSet<>();
                for (int rep = start; rep < start + FOUR.size(); rep++) {
                    seen.add(SideBySide.runOrder(FOUR, rep).get(place));
                }
                assertEquals(new HashSet<>(FOUR), seen, "place " + place + " from repetition " + start);
            }
        }
    }

    @Test
    void theFirstPlaceGoesToEachLibraryInHalfTheRepetitions() {
        // The old order (rotated by repetition and row, reversed on odd repetitions) gave the first
        // place of a row to one library in every repetition.
        List<ClientKind> first = new ArrayList<>();
        for (int rep = 0; rep < 4; rep++) {
            first.add(SideBySide.runOrder(FOUR, rep).get(0).client());
        }
        assertEquals(2, first.stream().filter(c -> c == ClientKind.STRAND).count(), first.toString());
        assertEquals(2, first.stream().filter(c -> c == ClientKind.APACHE).count(), first.toString());
    }

    @Test
    void againstEachBrokerEachLibraryRunsFirstInHalfTheRepetitions() {
        // Rotating the broker-major order put Strand's real-broker run first in three of four.
        for (BrokerKind broker : BrokerKind.values()) {
            int strandFirst = 0;
            for (int rep = 0; rep < 4; rep++) {
                List<SideBySide.Combo> order = SideBySide.runOrder(FOUR, rep);
                int strand = order.indexOf(new SideBySide.Combo(ClientKind.STRAND, broker));
                int apache = order.indexOf(new SideBySide.Combo(ClientKind.APACHE, broker));
                if (strand < apache) {
                    strandFirst++;
                }
            }
            assertEquals(2, strandFirst, broker.toString());
        }
    }

    @Test
    void everyOrderHoldsEveryCombinationOnce() {
        for (int rep = 0; rep < 9; rep++) {
            List<SideBySide.Combo> order = SideBySide.runOrder(FOUR, rep);
            assertEquals(FOUR.size(), order.size());
            assertEquals(new HashSet<>(FOUR), new HashSet<>(order));
        }
    }
}
