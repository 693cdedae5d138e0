package io.strand.common.config;

/** A plugin that is not Configurable. */
public class OtherTestPlugin implements TestPluginApi {
}
