package io.strand.broker.internals.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.group.Requests.Commit;
import io.strand.common.message.Heartbeat;
import io.strand.common.message.JoinGroup;
import io.strand.common.message.SyncGroup;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads on one coordinator with real timers: members of a shared group join, heartbeat,
 * rejoin when told and leave, while others commit, fetch, list, describe and delete. Every
 * request must be answered, none with a failed future, and nothing may deadlock.
 */
class GroupCoordinatorConcurrencyTest {

    private static final int MEMBERS = 4;
    private static final int ADMINS = 3;

    private ScheduledExecutorService timers;
    private GroupCoordinator coordinator;
    private final AtomicInteger correlation = new AtomicInteger();

    private Struct send(ApiKeys api, short version, Struct request) throws Exception {
        RequestContext ctx = new RequestContext(new RequestHeader(api, version, "t", correlation.incrementAndGet()), 0,
            GroupTestKit.CLIENT_ADDRESS);
        Struct r = coordinator.handlers().get(api).handle(ctx, GroupTestKit.overTheWire(api, version, request))
            .get(20, TimeUnit.SECONDS);
        GroupTestKit.checkEncodes(api, version, r);
        return r;
    }

    /** A member's life: join, heartbeat (rejoining whenever the group says so), leave; three times. */
    private int member(int id) throws Exception {
        int generations = 0;
        for (int life = 0; life < 3; life++) {
            String memberId = "";
            int generation = -1;
            boolean joined = false;
            for (int beat = 0; beat < 40; beat++) {
                if (!joined) {
                    Struct j = send(ApiKeys.JOIN_GROUP, (short) 9, Requests.join("shared", memberId, null, "consumer",
                        6_000, 2_000, List.of(new Protocol("range", new byte[] {(byte) id}))));
                    Errors e = Errors.forCode(j.getShort(JoinGroup.Response.ERROR_CODE));
                    if (e == Errors.MEMBER_ID_REQUIRED) {
                        memberId = j.get(JoinGroup.Response.MEMBER_ID);
                        continue;
                    }
                    if (e == Errors.UNKNOWN_MEMBER_ID) {
                        memberId = "";
                        continue;
                    }
                    if (e != Errors.NONE) {
                        continue;
                    }
                    generation = j.getInt(JoinGroup.Response.GENERATION_ID);
                    boolean leader = memberId.equals(j.get(JoinGroup.Response.LEADER));
                    Struct s = send(ApiKeys.SYNC_GROUP, (short) 5, Requests.sync("shared", generation, memberId, null,
                        leader ? Map.of(memberId, new byte[] {1}) : Map.of()));
                    joined = Errors.forCode(s.getShort(SyncGroup.Response.ERROR_CODE)) == Errors.NONE;
                    generations += joined ? 1 : 0;
                    continue;
                }
                Struct h = send(ApiKeys.HEARTBEAT, (short) 4, Requests.heartbeat("shared", generation, memberId, null));
                Errors e = Errors.forCode(h.getShort(Heartbeat.Response.ERROR_CODE));
                if (e == Errors.UNKNOWN_MEMBER_ID) {
                    memberId = "";
                }
                joined = e == Errors.NONE;
                Thread.sleep(2);
            }
            if (!memberId.isEmpty()) {
                send(ApiKeys.LEAVE_GROUP, (short) 5, Requests.leave("shared", memberId, null));
            }
        }
        return generations;
    }

    private void admin(int id) throws Exception {
        for (int i = 0; i < 150; i++) {
            switch ((i + id) % 6) {
                case 0, 1 -> send(ApiKeys.OFFSET_COMMIT, (short) 9, Requests.commit("simple-" + (i % 3), -1, "", null,
                    List.of(new Commit("orders", i % 3, i, "t" + id))));
                case 2 -> send(ApiKeys.OFFSET_FETCH, (short) 9, Requests.fetchBatched(
                    Map.of("simple-" + (i % 3), Map.of("orders", List.of(0, 1, 2)))));
                case 3 -> send(ApiKeys.DESCRIBE_GROUPS, (short) 6, Requests.describe(true, "shared", "simple-0"));
                case 4 -> send(ApiKeys.LIST_GROUPS, (short) 5, Requests.list(List.of(), List.of()));
                default -> send(ApiKeys.DELETE_GROUPS, (short) 2, Requests.delete("simple-" + (i % 3)));
            }
        }
    }

    @Test
    void manyThreadsOnOneCoordinatorAllGetAnswers() throws Exception {
        timers = Executors.newScheduledThreadPool(2);
        coordinator = new GroupCoordinator(GroupConfig.defaults(), timers, t -> t.equals("orders") ? 3 : -1, g -> 0, null);
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS + ADMINS);
        try {
            List<Future<Integer>> members = new ArrayList<>();
            List<Future<?>> admins = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                int id = i;
                members.add(pool.submit(() -> member(id)));
            }
            for (int i = 0; i < ADMINS; i++) {
                int id = i;
                admins.add(pool.submit(() -> {
                    admin(id);
                    return null;
                }));
            }
            int generations = 0;
            for (Future<Integer> f : members) {
                generations += f.get(120, TimeUnit.SECONDS);
            }
            for (Future<?> f : admins) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertTrue(generations >= MEMBERS * 3, "every member joined in each of its lives: " + generations);
            Struct d = send(ApiKeys.DESCRIBE_GROUPS, (short) 5, Requests.describe(false, "shared"));
            assertEquals(0, d.get(io.strand.common.message.DescribeGroups.Response.GROUPS).get(0)
                .get(io.strand.common.message.DescribeGroups.Response.Group.MEMBERS).size(), "everyone left");
        } finally {
            pool.shutdownNow();
            coordinator.close();
            timers.shutdownNow();
        }
    }
}
