package io.strand.common.config;

import io.strand.common.Configurable;
import java.util.Map;

/** A configurable plugin for the tests: remembers what it was configured with. */
public class TestPlugin implements Configurable, TestPluginApi {
    Map<String, ?> configs;

    @Override
    public void configure(Map<String, ?> configs) {
        this.configs = configs;
    }
}
