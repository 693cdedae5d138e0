package io.strand.common.config;

import java.util.Map;

/** A class named in a configuration that wants to see the client's configuration when it is created. */
public interface Configurable {

    /** Called once, right after construction, with the client's original settings and any overrides. */
    void configure(Map<String, ?> configs);
}
