package io.strand.broker.internals.group;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The states of a classic group, named on the wire exactly as Apache Kafka names them. */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String wireName;

    GroupState(String wireName) {
        this.wireName = wireName;
    }

    /** The name DescribeGroups and ListGroups report. */
    public String wireName() {
        return wireName;
    }

    /** The state named {@code name} in any letter case, or null: ListGroups filters match case-insensitively. */
    public static GroupState forWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (GroupState s : values()) {
            if (s.wireName.toLowerCase(Locale.ROOT).equals(lower)) {
                return s;
            }
        }
        return null;
    }

    /** Whether a group may move from {@code previous} to this state. */
    boolean canFollow(GroupState previous) {
        return validPrevious().contains(previous);
    }

    private Set<GroupState> validPrevious() {
        switch (this) {
            case EMPTY:
                return EnumSet.of(PREPARING_REBALANCE);
            case PREPARING_REBALANCE:
                return EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
            case COMPLETING_REBALANCE:
                return EnumSet.of(PREPARING_REBALANCE);
            case STABLE:
                return EnumSet.of(COMPLETING_REBALANCE);
            default:
                return EnumSet.allOf(GroupState.class);
        }
    }
}
