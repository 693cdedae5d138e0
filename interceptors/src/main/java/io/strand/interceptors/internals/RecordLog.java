package io.strand.interceptors.internals;

import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.CaseInsensitiveValidString;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Range;
import io.strand.common.config.ConfigDef.Type;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The shared part of the logging interceptors: the logger and level, 1-in-n sampling, and how a
 * key or value is shown. Thread-safe; sampling counts with one atomic per stream of events.
 */
public final class RecordLog {

    public static final String LEVEL_CONFIG = "interceptor.logging.level";
    public static final String SAMPLE_EVERY_CONFIG = "interceptor.logging.sample.every";
    public static final String INCLUDE_PAYLOAD_CONFIG = "interceptor.logging.include.payload";
    public static final String LOGGER_CONFIG = "interceptor.logging.logger";

    /** Longer keys and values are cut to this many characters and marked as cut. */
    static final int MAX_PAYLOAD_CHARS = 200;

    public static final ConfigDef CONFIG = new ConfigDef()
        .define(LEVEL_CONFIG, Type.STRING, "INFO", CaseInsensitiveValidString.in("TRACE", "DEBUG", "INFO", "WARN",
            "ERROR"), Importance.MEDIUM, "Logging interceptors: the slf4j level of the per-record lines. Failed "
            + "sends are always logged at WARN.")
        .define(SAMPLE_EVERY_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
            "Logging interceptors: log one record in this many (1 logs all). Failed sends are never sampled out.")
        .define(INCLUDE_PAYLOAD_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
            "Logging interceptors: whether lines show keys and values (cut to " + MAX_PAYLOAD_CHARS + " characters). "
                + "Off by default: payloads may be large or sensitive.")
        .define(LOGGER_CONFIG, Type.STRING, "", Importance.LOW,
            "Logging interceptors: the slf4j logger name; empty means the interceptor's class name.");

    private final Logger logger;
    private final Level level;
    private final int every;
    private final boolean includePayload;

    public RecordLog(Map<String, ?> configs, Class<?> owner) {
        Map<String, Object> parsed = CONFIG.parse(configs);
        String name = (String) parsed.get(LOGGER_CONFIG);
        this.logger = LoggerFactory.getLogger(name.isEmpty() ? owner.getName() : name);
        this.level = Level.valueOf(((String) parsed.get(LEVEL_CONFIG)).toUpperCase(Locale.ROOT));
        this.every = (Integer) parsed.get(SAMPLE_EVERY_CONFIG);
        this.includePayload = (Boolean) parsed.get(INCLUDE_PAYLOAD_CONFIG);
    }

    public Logger logger() {
        return logger;
    }

    public Level level() {
        return level;
    }

    public boolean enabled() {
        return logger.isEnabledForLevel(level);
    }

    /** Counts an event of {@code stream} and says whether it is one to log. */
    public boolean sample(AtomicLong stream) {
        return every == 1 || stream.getAndIncrement() % every == 0;
    }

    /** A key or value as a log line shows it: hidden unless payloads are included, and cut when long. */
    public String show(Object payload) {
        if (!includePayload) {
            return payload == null ? "null" : "<hidden>";
        }
        String s = payload instanceof byte[] ? "bytes[" + ((byte[]) payload).length + "]" : String.valueOf(payload);
        return s.length() <= MAX_PAYLOAD_CHARS ? s
            : s.substring(0, MAX_PAYLOAD_CHARS) + "...(" + s.length() + " chars)";
    }

    public void log(String format, Object... args) {
        logger.atLevel(level).log(format, args);
    }
}
