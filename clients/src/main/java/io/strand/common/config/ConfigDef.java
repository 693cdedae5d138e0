package io.strand.common.config;

import io.strand.common.config.types.Password;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The keys a client understands: for each its type, default, validator, importance and doc.
 * {@link #parse} turns the values a user supplied (typed objects, or strings from a properties
 * file) into values of the declared types, fills in defaults and validates.
 *
 * <pre>
 *   ConfigDef def = new ConfigDef()
 *       .define("batch.size", Type.INT, 16384, Range.atLeast(0), Importance.MEDIUM, "Bytes per batch.");
 * </pre>
 */
public class ConfigDef {

    /** The default of a required key: parsing fails when the user does not supply it. */
    public static final Object NO_DEFAULT_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no default>";
        }
    };

    private final Map<String, ConfigKey> configKeys;

    public ConfigDef() {
        this.configKeys = new LinkedHashMap<>();
    }

    /** A copy of {@code base}, to which more keys can be added. */
    public ConfigDef(ConfigDef base) {
        this.configKeys = new LinkedHashMap<>(base.configKeys);
    }

    public ConfigDef define(ConfigKey key) {
        if (configKeys.containsKey(key.name)) {
            throw new ConfigException("Configuration " + key.name + " is defined twice.");
        }
        configKeys.put(key.name, key);
        return this;
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
                            String documentation) {
        return define(new ConfigKey(name, type, defaultValue, validator, importance, documentation));
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation) {
        return define(name, type, defaultValue, null, importance, documentation);
    }

    /** A required key: it has no default. */
    public ConfigDef define(String name, Type type, Importance importance, String documentation) {
        return define(name, type, NO_DEFAULT_VALUE, null, importance, documentation);
    }

    /** A key whose default is not shown in docs as a value, for instance one computed at runtime. */
    public ConfigDef defineInternal(String name, Type type, Object defaultValue, Importance importance) {
        return define(new ConfigKey(name, type, defaultValue, null, importance, "", true));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(configKeys.keySet());
    }

    public Map<String, ConfigKey> configKeys() {
        return Collections.unmodifiableMap(configKeys);
    }

    /** Parses and validates {@code props}: every defined key gets a typed value or its default. */
    public Map<String, Object> parse(Map<?, ?> props) {
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey key : configKeys.values()) {
            values.put(key.name, parseValue(key, props.get(key.name), props.containsKey(key.name)));
        }
        return values;
    }

    Object parseValue(ConfigKey key, Object value, boolean isSet) {
        Object parsed;
        if (isSet) {
            parsed = parseType(key.name, value, key.type);
        } else if (key.defaultValue == NO_DEFAULT_VALUE) {
            throw new ConfigException("Missing required configuration \"" + key.name + "\" which has no default value.");
        } else {
            parsed = key.defaultValue;
        }
        if (key.validator != null) {
            key.validator.ensureValid(key.name, parsed);
        }
        return parsed;
    }

    /**
     * Converts a supplied value to {@code type}: the Java type itself, or its string form as a
     * properties file holds it ("5", "true", "a,b", a class name).
     *
     * @throws ConfigException naming {@code name} and the value when it cannot be converted
     */
    public static Object parseType(String name, Object value, Type type) {
        if (value == null) {
            return null;
        }
        String trimmed = value instanceof String ? ((String) value).trim() : null;
        try {
            switch (type) {
                case BOOLEAN:
                    if (value instanceof Boolean) {
                        return value;
                    }
                    if (trimmed != null) {
                        if (trimmed.equalsIgnoreCase("true")) {
                            return true;
                        }
                        if (trimmed.equalsIgnoreCase("false")) {
                            return false;
                        }
                        throw new ConfigException(name, value, "Expected value to be either true or false");
                    }
                    throw wrongType(name, value, "a boolean");
                case PASSWORD:
                    if (value instanceof Password) {
                        return value;
                    }
                    if (value instanceof String) {
                        return new Password(trimmed);
                    }
                    throw wrongType(name, value, "a password string");
                case STRING:
                    if (value instanceof String) {
                        return trimmed;
                    }
                    throw wrongType(name, value, "a string");
                case INT:
                    if (value instanceof Integer) {
                        return value;
                    }
                    if (trimmed != null) {
                        return Integer.parseInt(trimmed);
                    }
                    throw wrongType(name, value, "a 32-bit integer");
                case SHORT:
                    if (value instanceof Short) {
                        return value;
                    }
                    if (trimmed != null) {
                        return Short.parseShort(trimmed);
                    }
                    throw wrongType(name, value, "a 16-bit integer");
                case LONG:
                    if (value instanceof Long) {
                        return value;
                    }
                    if (value instanceof Integer || value instanceof Short) {
                        return ((Number) value).longValue();
                    }
                    if (trimmed != null) {
                        return Long.parseLong(trimmed);
                    }
                    throw wrongType(name, value, "a 64-bit integer");
                case DOUBLE:
                    if (value instanceof Number) {
                        return ((Number) value).doubleValue();
                    }
                    if (trimmed != null) {
                        return Double.parseDouble(trimmed);
                    }
                    throw wrongType(name, value, "a double");
                case LIST:
                    if (value instanceof List) {
                        return Collections.unmodifiableList(new ArrayList<>((List<?>) value));
                    }
                    if (trimmed != null) {
                        if (trimmed.isEmpty()) {
                            return List.of();
                        }
                        List<String> items = new ArrayList<>();
                        for (String item : trimmed.split("\\s*,\\s*", -1)) {
                            items.add(item.trim());
                        }
                        return Collections.unmodifiableList(items);
                    }
                    throw wrongType(name, value, "a comma-separated list");
                case CLASS:
                    if (value instanceof Class) {
                        return value;
                    }
                    if (trimmed != null) {
                        return ClassNames.loadFor(name, trimmed);
                    }
                    throw wrongType(name, value, "a class or class name");
                default:
                    throw new IllegalStateException("Unknown type " + type);
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "Not a number of type " + type);
        }
    }

    private static ConfigException wrongType(String name, Object value, String expected) {
        return new ConfigException(name, value, "Expected value to be " + expected + ", but it was a "
            + value.getClass().getName());
    }

    /** The string form of a parsed value, as a properties file would hold it. */
    public static String convertToString(Object parsedValue, Type type) {
        if (parsedValue == null) {
            return null;
        }
        if (type == Type.LIST) {
            StringBuilder sb = new StringBuilder();
            for (Object item : (List<?>) parsedValue) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(item instanceof Class ? ((Class<?>) item).getName() : item);
            }
            return sb.toString();
        }
        if (type == Type.CLASS) {
            return ((Class<?>) parsedValue).getName();
        }
        return parsedValue.toString();
    }

    /**
     * The keys as a Markdown table (key, type, default, valid values, importance, doc), required
     * keys first, then by importance and name, as documentation of a client's settings.
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Key | Type | Default | Valid values | Importance | Description |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (ConfigKey key : sortedForDocs()) {
            if (key.internal) {
                continue;
            }
            sb.append("| `").append(key.name).append("` | ")
                .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                .append(cell(key.hasDefault() ? defaultForDocs(key) : "(required)")).append(" | ")
                .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
                .append(cell(key.documentation)).append(" |\n");
        }
        return sb.toString();
    }

    private static String defaultForDocs(ConfigKey key) {
        if (key.defaultValue == null) {
            return "null";
        }
        String s = convertToString(key.defaultValue, key.type);
        return s.isEmpty() ? "\"\"" : s;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    private List<ConfigKey> sortedForDocs() {
        List<ConfigKey> keys = new ArrayList<>(configKeys.values());
        keys.sort(Comparator.comparing((ConfigKey k) -> k.hasDefault())
            .thenComparing(k -> k.importance)
            .thenComparing(k -> k.name));
        return keys;
    }

    // ---- types, importance, validators ---------------------------------------------------------

    public enum Type {
        BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD;

        public boolean isSensitive() {
            return this == PASSWORD;
        }
    }

    /** How much a user should care; orders the docs (HIGH first). */
    public enum Importance {
        HIGH, MEDIUM, LOW
    }

    /** Checks a parsed value; the message of its exception names the key and the value. */
    public interface Validator {
        void ensureValid(String name, Object value);
    }

    /** One defined key. */
    public static final class ConfigKey {
        public final String name;
        public final Type type;
        public final String documentation;
        public final Object defaultValue;
        public final Validator validator;
        public final Importance importance;
        public final boolean internal;

        public ConfigKey(String name, Type type, Object defaultValue, Validator validator, Importance importance,
                         String documentation) {
            this(name, type, defaultValue, validator, importance, documentation, false);
        }

        ConfigKey(String name, Type type, Object defaultValue, Validator validator, Importance importance,
                  String documentation, boolean internal) {
            this.name = name;
            this.type = type;
            this.defaultValue = defaultValue == NO_DEFAULT_VALUE ? NO_DEFAULT_VALUE : parseType(name, defaultValue, type);
            this.validator = validator;
            this.importance = importance;
            this.documentation = documentation;
            this.internal = internal;
            if (this.validator != null && hasDefault()) {
                this.validator.ensureValid(name, this.defaultValue);
            }
        }

        public boolean hasDefault() {
            return defaultValue != NO_DEFAULT_VALUE;
        }
    }

    /** A numeric range, inclusive at both ends; either end may be open. */
    public static final class Range implements Validator {
        private final Number min;
        private final Number max;

        private Range(Number min, Number max) {
            this.min = min;
            this.max = max;
        }

        public static Range atLeast(Number min) {
            return new Range(min, null);
        }

        public static Range atMost(Number max) {
            return new Range(null, max);
        }

        public static Range between(Number min, Number max) {
            return new Range(min, max);
        }

        @Override
        public void ensureValid(String name, Object o) {
            if (o == null) {
                throw new ConfigException(name, null, "Value must be non-null");
            }
            double n = ((Number) o).doubleValue();
            if (min != null && n < min.doubleValue()) {
                throw new ConfigException(name, o, "Value must be at least " + min);
            }
            if (max != null && n > max.doubleValue()) {
                throw new ConfigException(name, o, "Value must be no more than " + max);
            }
        }

        @Override
        public String toString() {
            if (min == null) {
                return "[...," + max + "]";
            }
            return max == null ? "[" + min + ",...]" : "[" + min + ",...," + max + "]";
        }
    }

    /** A string out of a fixed set, matched exactly. */
    public static class ValidString implements Validator {
        final List<String> validStrings;

        ValidString(List<String> validStrings) {
            this.validStrings = validStrings;
        }

        public static ValidString in(String... validStrings) {
            return new ValidString(Arrays.asList(validStrings));
        }

        @Override
        public void ensureValid(String name, Object o) {
            if (!validStrings.contains(o)) {
                throw new ConfigException(name, o, "String must be one of: " + String.join(", ", validStrings));
            }
        }

        @Override
        public String toString() {
            return "[" + String.join(", ", validStrings) + "]";
        }
    }

    /** A string out of a fixed set, matched ignoring case. */
    public static final class CaseInsensitiveValidString implements Validator {
        private final List<String> validStrings;
        private final Set<String> upper;

        private CaseInsensitiveValidString(List<String> validStrings) {
            this.validStrings = validStrings;
            this.upper = new HashSet<>();
            for (String s : validStrings) {
                upper.add(s.toUpperCase(Locale.ROOT));
            }
        }

        public static CaseInsensitiveValidString in(String... validStrings) {
            return new CaseInsensitiveValidString(Arrays.asList(validStrings));
        }

        @Override
        public void ensureValid(String name, Object o) {
            if (o == null || !upper.contains(((String) o).toUpperCase(Locale.ROOT))) {
                throw new ConfigException(name, o, "String must be one of (case insensitive): "
                    + String.join(", ", validStrings));
            }
        }

        @Override
        public String toString() {
            return "(case insensitive) [" + String.join(", ", validStrings) + "]";
        }
    }

    /** A list whose every item is out of a fixed set, or, with {@link #anyNonDuplicateValues}, any distinct items. */
    public static final class ValidList implements Validator {
        private final List<String> validStrings;
        private final boolean emptyAllowed;
        private final boolean nullAllowed;

        private ValidList(List<String> validStrings, boolean emptyAllowed, boolean nullAllowed) {
            this.validStrings = validStrings;
            this.emptyAllowed = emptyAllowed;
            this.nullAllowed = nullAllowed;
        }

        /** Items from {@code validStrings}, no duplicates, the list may be empty. */
        public static ValidList in(String... validStrings) {
            return new ValidList(Arrays.asList(validStrings), true, false);
        }

        public static ValidList in(boolean emptyAllowed, String... validStrings) {
            return new ValidList(Arrays.asList(validStrings), emptyAllowed, false);
        }

        public static ValidList anyNonDuplicateValues(boolean emptyAllowed, boolean nullAllowed) {
            return new ValidList(null, emptyAllowed, nullAllowed);
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                if (nullAllowed) {
                    return;
                }
                throw new ConfigException(name, null, "List must be non-null");
            }
            List<?> items = (List<?>) value;
            if (items.isEmpty() && !emptyAllowed) {
                throw new ConfigException(name, value, "List must be non-empty");
            }
            Set<Object> seen = new HashSet<>();
            for (Object item : items) {
                if (!seen.add(item)) {
                    throw new ConfigException(name, value, "List contains duplicate value " + item);
                }
                if (validStrings != null && !validStrings.contains(item)) {
                    throw new ConfigException(name, item, "String must be one of: " + String.join(", ", validStrings));
                }
            }
        }

        @Override
        public String toString() {
            String any = validStrings == null ? "any distinct values" : String.join(", ", validStrings);
            return emptyAllowed ? "[" + any + "]" : "non-empty [" + any + "]";
        }
    }

    /** A string that is not null and not empty. */
    public static final class NonEmptyString implements Validator {
        @Override
        public void ensureValid(String name, Object o) {
            if (o == null || ((String) o).trim().isEmpty()) {
                throw new ConfigException(name, o, "String must be non-empty");
            }
        }

        @Override
        public String toString() {
            return "non-empty string";
        }
    }

    /** A non-null value that passes another validator. */
    public static final class NonNullValidator implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "entry must be non null");
            }
        }

        @Override
        public String toString() {
            return "non-null value";
        }
    }

    /** A validator from a lambda, with the text the docs show for it. */
    public static final class LambdaValidator implements Validator {
        private final BiConsumer<String, Object> check;
        private final Supplier<String> description;

        private LambdaValidator(BiConsumer<String, Object> check, Supplier<String> description) {
            this.check = check;
            this.description = description;
        }

        public static LambdaValidator with(BiConsumer<String, Object> check, Supplier<String> description) {
            return new LambdaValidator(check, description);
        }

        @Override
        public void ensureValid(String name, Object value) {
            check.accept(name, value);
        }

        @Override
        public String toString() {
            return description.get();
        }
    }

    /** Every validator in turn. */
    public static final class CompositeValidator implements Validator {
        private final List<Validator> validators;

        private CompositeValidator(List<Validator> validators) {
            this.validators = validators;
        }

        public static CompositeValidator of(Validator... validators) {
            return new CompositeValidator(List.of(validators));
        }

        @Override
        public void ensureValid(String name, Object value) {
            for (Validator v : validators) {
                v.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Validator v : validators) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(v);
            }
            return sb.toString();
        }
    }

    static Collection<String> unknownKeys(ConfigDef def, Collection<String> supplied) {
        List<String> unknown = new ArrayList<>();
        for (String k : supplied) {
            if (!def.configKeys.containsKey(k)) {
                unknown.add(k);
            }
        }
        return unknown;
    }
}
