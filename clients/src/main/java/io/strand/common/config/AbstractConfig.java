package io.strand.common.config;

import io.strand.common.Configurable;
import io.strand.common.KafkaException;
import io.strand.common.config.types.Password;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's settings: what the user supplied ({@link #originals()}), parsed against a
 * {@link ConfigDef} into typed values with defaults filled in. Accepts a {@code Map<String, ?>}
 * or a {@link java.util.Properties} (whose values are strings); keys the definition does not
 * know are kept in the originals, for plugins, and logged once as a warning.
 */
public class AbstractConfig {

    private static final Logger log = LoggerFactory.getLogger(AbstractConfig.class);

    private final ConfigDef definition;
    private final Map<String, ?> originals;
    private final Map<String, Object> values;

    public AbstractConfig(ConfigDef definition, Map<?, ?> originals) {
        this(definition, originals, true);
    }

    /** @param doLog whether to warn about unknown keys; false for configs derived from another one */
    public AbstractConfig(ConfigDef definition, Map<?, ?> originals, boolean doLog) {
        this.definition = definition;
        Map<String, Object> copy = new HashMap<>();
        for (Map.Entry<?, ?> e : originals.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new ConfigException(String.valueOf(e.getKey()), e.getValue(), "Key must be a string.");
            }
            copy.put((String) e.getKey(), e.getValue());
        }
        this.originals = Collections.unmodifiableMap(copy);
        Map<String, Object> parsed = definition.parse(copy);
        parsed.putAll(postProcessParsedConfig(Collections.unmodifiableMap(parsed)));
        this.values = Collections.unmodifiableMap(parsed);
        if (doLog) {
            logUnknown();
        }
    }

    /**
     * Called once values are parsed, to derive or check values that depend on several keys.
     * Returns the values to replace; the default changes nothing.
     */
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsedValues) {
        return Collections.emptyMap();
    }

    private void logUnknown() {
        for (String key : ConfigDef.unknownKeys(definition, new TreeMap<>(originals).keySet())) {
            log.warn("The configuration '{}' was supplied but isn't a known config.", key);
        }
    }

    public ConfigDef definition() {
        return definition;
    }

    protected Object get(String key) {
        if (!values.containsKey(key)) {
            throw new ConfigException(String.format("Unknown configuration '%s'", key));
        }
        return values.get(key);
    }

    public Short getShort(String key) {
        return (Short) get(key);
    }

    public Integer getInt(String key) {
        return (Integer) get(key);
    }

    public Long getLong(String key) {
        return (Long) get(key);
    }

    public Double getDouble(String key) {
        return (Double) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        return (List<String>) get(key);
    }

    public Boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public String getString(String key) {
        return (String) get(key);
    }

    public Password getPassword(String key) {
        return (Password) get(key);
    }

    public Class<?> getClass(String key) {
        return (Class<?>) get(key);
    }

    public ConfigDef.Type typeOf(String key) {
        ConfigDef.ConfigKey k = definition.configKeys().get(key);
        return k == null ? null : k.type;
    }

    /** What the user supplied, unparsed, including keys the definition does not know. */
    public Map<String, Object> originals() {
        return new HashMap<>(originals);
    }

    /** The originals with {@code overrides} laid over them. */
    public Map<String, Object> originals(Map<String, ?> overrides) {
        Map<String, Object> m = originals();
        m.putAll(overrides);
        return m;
    }

    /** The originals whose values are strings; fails naming a key whose value is not. */
    public Map<String, String> originalsStrings() {
        Map<String, String> m = new HashMap<>();
        for (Map.Entry<String, ?> e : originals.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new ClassCastException("Non-string value found in original settings for key " + e.getKey()
                    + ": " + (e.getValue() == null ? null : e.getValue().getClass().getName()));
            }
            m.put(e.getKey(), (String) e.getValue());
        }
        return m;
    }

    /** The originals whose keys start with {@code prefix}, with the prefix stripped. */
    public Map<String, Object> originalsWithPrefix(String prefix) {
        return originalsWithPrefix(prefix, true);
    }

    public Map<String, Object> originalsWithPrefix(String prefix, boolean strip) {
        Map<String, Object> m = new HashMap<>();
        for (Map.Entry<String, ?> e : originals.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()) {
                m.put(strip ? e.getKey().substring(prefix.length()) : e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** Every defined key with its parsed value. */
    public Map<String, ?> values() {
        return values;
    }

    /**
     * A new instance of the class configured under {@code key} (null if the value is null),
     * configured with the originals plus {@code overrides} if it is {@link Configurable}.
     *
     * @throws KafkaException naming the key if the class is not a {@code t} or cannot be created
     */
    public <T> T getConfiguredInstance(String key, Class<T> t, Map<String, Object> overrides) {
        Class<?> c = getClass(key);
        return c == null ? null : newConfigured(key, c, t, overrides);
    }

    public <T> T getConfiguredInstance(String key, Class<T> t) {
        return getConfiguredInstance(key, t, Collections.emptyMap());
    }

    /** One configured instance per class in the LIST value of {@code key}, in order. */
    public <T> List<T> getConfiguredInstances(String key, Class<T> t) {
        return getConfiguredInstances(key, t, Collections.emptyMap());
    }

    public <T> List<T> getConfiguredInstances(String key, Class<T> t, Map<String, Object> overrides) {
        List<?> items = (List<?>) get(key);
        List<T> instances = new ArrayList<>();
        if (items == null) {
            return instances;
        }
        try {
            for (Object item : items) {
                Class<?> c;
                if (item instanceof Class) {
                    c = (Class<?>) item;
                } else if (item instanceof String) {
                    c = ClassNames.loadFor(key, ((String) item).trim());
                } else {
                    throw new ConfigException(key, item, "List item is neither a class nor a class name");
                }
                instances.add(newConfigured(key, c, t, overrides));
            }
        } catch (RuntimeException e) {
            for (T created : instances) {
                closeQuietly(created, key);
            }
            throw e;
        }
        return instances;
    }

    private <T> T newConfigured(String key, Class<?> c, Class<T> t, Map<String, Object> overrides) {
        if (!t.isAssignableFrom(c)) {
            throw new KafkaException(c.getName() + " (configured in " + key + ") is not an instance of " + t.getName());
        }
        Object o;
        try {
            o = c.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new KafkaException("Could not instantiate class " + c.getName() + " (configured in " + key
                + "): it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new KafkaException("Could not instantiate class " + c.getName() + " (configured in " + key + ")",
                e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new KafkaException("Could not instantiate class " + c.getName() + " (configured in " + key
                + "): " + e, e);
        }
        if (o instanceof Configurable) {
            try {
                ((Configurable) o).configure(originals(overrides));
            } catch (RuntimeException e) {
                closeQuietly(o, key);
                throw e;
            }
        }
        return t.cast(o);
    }

    private static void closeQuietly(Object o, String key) {
        if (o instanceof AutoCloseable) {
            try {
                ((AutoCloseable) o).close();
            } catch (Exception e) {
                log.warn("Failed to close {} created for {}", o.getClass().getName(), key, e);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && originals.equals(((AbstractConfig) o).originals);
    }

    @Override
    public int hashCode() {
        return originals.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" values:\n");
        for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
            ConfigDef.Type type = typeOf(e.getKey());
            Object v = e.getValue();
            sb.append('\t').append(e.getKey()).append(" = ")
                .append(type == ConfigDef.Type.PASSWORD && v != null ? Password.HIDDEN
                    : ConfigDef.convertToString(v, type))
                .append('\n');
        }
        return sb.toString();
    }
}
