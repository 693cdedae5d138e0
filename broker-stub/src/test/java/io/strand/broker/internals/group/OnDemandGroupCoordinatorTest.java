package io.strand.broker.internals.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strand.broker.internals.RequestContext;
import io.strand.common.message.Heartbeat;
import io.strand.common.message.ListGroups;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnDemandGroupCoordinatorTest {

    private final AtomicInteger built = new AtomicInteger();
    private final Supplier<GroupCoordinator> factory = () -> {
        built.incrementAndGet();
        return new GroupCoordinator(GroupConfig.defaults(), new ManualScheduler(), t -> -1, g -> 0, null);
    };

    @Test
    void lazyBuildsTheCoordinatorAtTheFirstGroupRequestOnly() {
        try (OnDemandGroupCoordinator groups = OnDemandGroupCoordinator.lazy(factory)) {
            var handlers = groups.handlers();
            assertEquals(GroupCoordinator.APIS, handlers.keySet());
            groups.onTopicDeleted("orders");
            assertEquals(0, built.get(), "nothing built before a group request");

            assertEquals(Errors.NONE.code(), listGroups(groups).get(ListGroups.Response.ERROR_CODE));
            assertEquals(Errors.NONE.code(), listGroups(groups).get(ListGroups.Response.ERROR_CODE));
            assertEquals(1, built.get(), "built once, then reused");
        }
    }

    @Test
    void eagerBuildsAtOnce() {
        try (OnDemandGroupCoordinator groups = OnDemandGroupCoordinator.eager(factory)) {
            assertEquals(1, built.get());
            listGroups(groups);
            assertEquals(1, built.get());
        }
    }

    @Test
    void eagerFailsWithTheFactory(@TempDir Path dir) throws Exception {
        // A file where the offsets directory should be: the coordinator cannot load committed offsets.
        Files.writeString(dir.resolve("__consumer_offsets"), "not a directory");
        assertThrows(UncheckedIOException.class, () -> OnDemandGroupCoordinator.eager(() ->
            new GroupCoordinator(GroupConfig.defaults(), new ManualScheduler(), t -> -1, g -> 0, dir)));
    }

    @Test
    void aMemberAfterCloseIsTurnedAwayByAClosedCoordinator() {
        OnDemandGroupCoordinator groups = OnDemandGroupCoordinator.lazy(factory);
        groups.close();
        assertEquals(0, built.get(), "closing builds nothing");
        Struct response = call(groups, ApiKeys.HEARTBEAT, Requests.heartbeat("g", 1, "m-1", null));
        assertEquals(Errors.NOT_COORDINATOR.code(), response.get(Heartbeat.Response.ERROR_CODE));
    }

    private static Struct listGroups(OnDemandGroupCoordinator groups) {
        return call(groups, ApiKeys.LIST_GROUPS, Requests.list(List.of(), List.of()));
    }

    private static Struct call(OnDemandGroupCoordinator groups, ApiKeys api, Struct request) {
        RequestContext ctx = new RequestContext(new RequestHeader(api, api.latestVersion(), "client-1", 1), 0,
            GroupTestKit.CLIENT_ADDRESS);
        return groups.handlers().get(api).handle(ctx, request).join();
    }
}
