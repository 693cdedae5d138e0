package io.strand.common;

import java.util.Map;

/**
 * A plugin the client builds by class name from its configuration (a partitioner, an interceptor)
 * and then hands the whole configuration map, as Apache Kafka's {@code Configurable} does.
 */
public interface Configurable {

    /** Called once, right after construction, with the client's original configuration. */
    void configure(Map<String, ?> configs);
}
