package io.strand.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a JVM like this one (same java, same class path) running another main class. */
final class ChildJvm {

    private ChildJvm() {
    }

    static ProcessBuilder command(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }
}
