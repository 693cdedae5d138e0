package io.strand.common.config;

/** A plugin whose constructor throws. */
public class FailingTestPlugin implements TestPluginApi {
    public FailingTestPlugin() {
        throw new IllegalStateException("boom in constructor");
    }
}
