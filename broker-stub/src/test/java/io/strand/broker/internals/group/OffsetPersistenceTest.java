package io.strand.broker.internals.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.internals.group.Requests.Commit;
import io.strand.common.message.ListGroups;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetPersistenceTest {

    @TempDir
    Path dataDir;

    private Path logFile() {
        return dataDir.resolve(OffsetLog.DIRECTORY).resolve(OffsetLog.FILE_NAME);
    }

    private static void commit(GroupTestKit kit, String group, Commit... commits) {
        kit.call(ApiKeys.OFFSET_COMMIT, (short) 9, Requests.commit(group, -1, "", null, List.of(commits)));
    }

    private static List<String> fetchAll(GroupTestKit kit, String... groups) {
        Map<String, Map<String, List<Integer>>> all = new LinkedHashMap<>();
        for (String g : groups) {
            all.put(g, null);
        }
        return OffsetCommitFetchTest.fetched(kit.call(ApiKeys.OFFSET_FETCH, (short) 9, Requests.fetchBatched(all)),
            (short) 9);
    }

    private static List<String> listed(GroupTestKit kit) {
        Struct r = kit.call(ApiKeys.LIST_GROUPS, (short) 5, Requests.list(List.of(), List.of()));
        List<String> out = new ArrayList<>();
        for (Struct g : r.get(ListGroups.Response.GROUPS)) {
            out.add(g.get(ListGroups.Response.ListedGroup.GROUP_ID) + ":"
                + g.get(ListGroups.Response.ListedGroup.GROUP_STATE));
        }
        return out;
    }

    @Test
    void committedOffsetsSurviveARestartAndGroupsComeBackEmpty() {
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir)) {
            TestMember m = new TestMember(kit, "consumers", "c");
            m.joinNow();
            m.sync(Map.of()).join();
            assertEquals(Errors.NONE, m.commit("orders", 0, 10));
            assertEquals(Errors.NONE, m.commit("orders", 0, 11));
            commit(kit, "simple", new Commit("payments", 1, 5, "meta"), new Commit("orders", 2, 6, null));
            commit(kit, "doomed", new Commit("orders", 0, 1, ""));
            commit(kit, "topic-gone", new Commit("payments", 0, 3, ""));
            assertEquals(List.of(Errors.NONE), kit.call(ApiKeys.DELETE_GROUPS, (short) 2, Requests.delete("doomed"))
                .get(io.strand.common.message.DeleteGroups.Response.RESULTS).stream()
                .map(r -> GroupTestKit.error(r, io.strand.common.message.DeleteGroups.Response.DeletableGroupResult.ERROR_CODE))
                .toList());
            kit.coordinator.onTopicDeleted("payments");
        }
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir)) {
            assertEquals(List.of("orders-0=11/7/by c/NONE", "orders-2=6/7//NONE"),
                fetchAll(kit, "consumers", "simple", "doomed", "topic-gone"));
            assertEquals(List.of("consumers:Empty", "simple:Empty"), listed(kit),
                "groups with offsets come back, empty; members rejoin");
            TestMember m = new TestMember(kit, "consumers", "c");
            m.joinNow();
            m.sync(Map.of()).join();
            assertEquals(Errors.NONE, m.commit("orders", 1, 99));
        }
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir)) {
            assertEquals(List.of("orders-0=11/7/by c/NONE", "orders-1=99/7/by c/NONE"), fetchAll(kit, "consumers"));
        }
    }

    @Test
    void aCrashLeavesACommitThatWasAcknowledgedReadableAndATornTailIsCutOff() throws IOException {
        // Never closed: it stands for a process that died (closing would compact its stale view over the file).
        GroupTestKit first = new GroupTestKit(GroupConfig.defaults(), dataDir);
        commit(first, "g", new Commit("orders", 0, 1, "a"));
        commit(first, "g", new Commit("orders", 1, 2, "b"));
        // No close: as if the process died. Then half a record lands at the end.
        long size = Files.size(logFile());
        Files.write(logFile(), new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir)) {
            assertEquals(List.of("orders-0=1/7/a/NONE", "orders-1=2/7/b/NONE"), fetchAll(kit, "g"));
            assertEquals(size, Files.size(logFile()), "the torn tail was truncated before new appends");
            commit(kit, "g", new Commit("orders", 2, 3, "c"));
        }
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir)) {
            assertEquals(3, fetchAll(kit, "g").size());
        }
    }

    @Test
    void aRecordWithABadChecksumEndsTheReplay() throws IOException {
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir)) {
            commit(kit, "g", new Commit("orders", 0, 1, "a"));
        }
        byte[] bytes = Files.readAllBytes(logFile());
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(logFile(), bytes);
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir)) {
            assertEquals(List.of(), fetchAll(kit, "g"));
        }
    }

    @Test
    void aFileThatIsNotAnOffsetsLogIsRefusedNamingIt() throws IOException {
        Files.createDirectories(logFile().getParent());
        Files.writeString(logFile(), "not an offsets log at all");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
            () -> new GroupTestKit(GroupConfig.defaults(), dataDir));
        assertTrue(e.getCause().getMessage().contains(logFile().toString()), e.getCause().getMessage());
    }

    @Test
    void theLogIsCompactedWhenMostOfItIsDead() throws IOException {
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir, 50)) {
            for (int i = 0; i < 1_000; i++) {
                commit(kit, "g", new Commit("orders", i % 3, i, "m" + i));
            }
            assertTrue(Files.size(logFile()) < 60 * 64, "at most ~50 records stay: " + Files.size(logFile()));
            commit(kit, "h", new Commit("orders", 0, 1, ""));
            kit.call(ApiKeys.DELETE_GROUPS, (short) 2, Requests.delete("h"));
        }
        try (GroupTestKit kit = new GroupTestKit(GroupConfig.defaults(), dataDir, 50)) {
            assertEquals(List.of("orders-0=999/7/m999/NONE", "orders-1=997/7/m997/NONE", "orders-2=998/7/m998/NONE"),
                fetchAll(kit, "g", "h"));
        }
    }

    @Test
    void expiredOffsetsStayExpiredAfterARestart() {
        GroupConfig config = GroupConfig.defaults().withOffsetsRetention(60_000, 10_000);
        try (GroupTestKit kit = new GroupTestKit(config, dataDir)) {
            commit(kit, "g", new Commit("orders", 0, 1, ""));
            kit.clock.advance(40_000);
            commit(kit, "g", new Commit("orders", 1, 2, ""));
            kit.clock.advance(30_000);
            assertEquals(List.of("orders-1=2/7//NONE"), fetchAll(kit, "g"));
        }
        try (GroupTestKit kit = new GroupTestKit(config, dataDir)) {
            assertEquals(List.of("orders-1=2/7//NONE"), fetchAll(kit, "g"));
        }
    }
}
