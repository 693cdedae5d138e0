package io.strand.broker.internals.group;

import io.strand.broker.internals.ApiHandler;
import io.strand.common.protocol.ApiKeys;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link GroupCoordinator} built at the first group request instead of at start-up. Building
 * one loads some sixty classes, about 30 ms of CPU in a new JVM, which a broker that only ever
 * serves producers (or a test that never consumes) does not need to spend before its first answer.
 * A coordinator with a data directory is built at once, so that committed offsets that cannot be
 * read fail the start, not a later request.
 */
public final class OnDemandGroupCoordinator implements AutoCloseable {

    private final Supplier<GroupCoordinator> factory;
    private volatile GroupCoordinator coordinator;
    private boolean closed;

    private OnDemandGroupCoordinator(Supplier<GroupCoordinator> factory) {
        this.factory = factory;
    }

    /** Builds the coordinator at the first request to one of {@link #handlers()}. */
    public static OnDemandGroupCoordinator lazy(Supplier<GroupCoordinator> factory) {
        return new OnDemandGroupCoordinator(factory);
    }

    /** Builds the coordinator now. */
    public static OnDemandGroupCoordinator eager(Supplier<GroupCoordinator> factory) {
        OnDemandGroupCoordinator groups = new OnDemandGroupCoordinator(factory);
        groups.coordinator();
        return groups;
    }

    /** Handlers for {@link GroupCoordinator#APIS}; each builds the coordinator if it does not exist yet. */
    public Map<ApiKeys, ApiHandler> handlers() {
        Map<ApiKeys, ApiHandler> handlers = new EnumMap<>(ApiKeys.class);
        for (ApiKeys api : GroupCoordinator.APIS) {
            handlers.put(api, (context, request) -> coordinator().handlers().get(api).handle(context, request));
        }
        return handlers;
    }

    public void onTopicDeleted(String topic) {
        GroupCoordinator c = coordinator;
        if (c != null) {
            c.onTopicDeleted(topic);
        }
    }

    private GroupCoordinator coordinator() {
        GroupCoordinator c = coordinator;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (coordinator == null) {
                coordinator = factory.get();
                if (closed) {
                    // A request that raced with close(): a closed coordinator turns members away (NOT_COORDINATOR).
                    coordinator.close();
                }
            }
            return coordinator;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (coordinator != null) {
            coordinator.close();
        }
    }
}
