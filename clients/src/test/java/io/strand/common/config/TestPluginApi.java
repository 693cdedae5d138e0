package io.strand.common.config;

/** The interface configured plugins must implement in the tests. */
public interface TestPluginApi {
}
