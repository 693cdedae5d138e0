package io.strand.broker.internals.handlers;

/** The config_source codes of CreateTopics and DescribeConfigs responses. */
final class ConfigSource {
    static final int TOPIC = 1;
    static final int STATIC_BROKER = 4;
    static final int DEFAULT = 5;

    private ConfigSource() {
    }
}
