package io.strand.broker.internals.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live groups by id. A group leaves the map only while locked and after it is marked Dead,
 * so whoever locks a group that is still Dead-free holds the one true instance.
 */
final class GroupRegistry {

    private final ConcurrentHashMap<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    private final GroupScheduler scheduler;

    GroupRegistry(GroupScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The group, locked, or null if there is none. */
    ClassicGroup lockExisting(String groupId) {
        while (true) {
            ClassicGroup g = groups.get(groupId);
            if (g == null) {
                return null;
            }
            g.lock();
            if (!g.is(GroupState.DEAD)) {
                return g;
            }
            // Deleted while we waited for the lock: look again, a new one may exist.
            g.unlock();
        }
    }

    /** The group, locked, created Empty if there was none. */
    ClassicGroup lockOrCreate(String groupId) {
        while (true) {
            ClassicGroup g = groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, scheduler.nowMs()));
            g.lock();
            if (!g.is(GroupState.DEAD)) {
                return g;
            }
            g.unlock();
        }
    }

    /** Marks a locked group Dead and forgets it. */
    void removeLocked(ClassicGroup group) {
        group.transitionTo(GroupState.DEAD, scheduler.nowMs());
        groups.remove(group.groupId, group);
    }

    /** Adds an Empty group for offsets loaded at start-up. */
    void addLoaded(String groupId) {
        groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, scheduler.nowMs()));
    }

    /** A snapshot of the groups; each must still be locked (and checked for Dead) before use. */
    List<ClassicGroup> snapshot() {
        return new ArrayList<>(groups.values());
    }

    boolean contains(String groupId) {
        return groups.containsKey(groupId);
    }
}
