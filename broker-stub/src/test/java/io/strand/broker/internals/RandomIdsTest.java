package io.strand.broker.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.strand.common.Uuid;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void uuidsAreDistinctAndNeverReservedOrDashPrefixed() {
        Set<Uuid> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            Uuid id = RandomIds.uuid();
            assertNotEquals(Uuid.ZERO_UUID, id);
            assertNotEquals(Uuid.METADATA_TOPIC_ID, id);
            assertFalse(id.toString().startsWith("-"), id.toString());
            assertEquals(id, Uuid.fromString(id.toString()));
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void uuid4CarriesTheRandomVersionAndVariant() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            UUID u = RandomIds.uuid4();
            assertEquals(4, u.version(), u.toString());
            assertEquals(2, u.variant(), u.toString());
            assertEquals(u, UUID.fromString(u.toString()));
            seen.add(u);
        }
        assertEquals(1_000, seen.size());
    }
}
