package io.strand.clients.consumer;

import java.util.Locale;

/** The values of group.protocol. Strand's consumer implements CLASSIC; CONSUMER (KIP-848) is rejected. */
public enum GroupProtocol {
    CLASSIC("CLASSIC"), CONSUMER("CONSUMER");

    public final String name;

    GroupProtocol(String name) {
        this.name = name;
    }

    /** Case-insensitive lookup by name. */
    public static GroupProtocol of(String name) {
        return GroupProtocol.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
