package io.strand.common.config;

/**
 * Resolves class names in configurations. A name under {@code org.apache.kafka.} is first tried
 * as the Strand class of the same name under {@code io.strand.}, so a properties file written for
 * kafka-clients names Strand's serializers, partitioners and assignors. The translation wins even
 * when the Apache class is also on the class path: only the Strand class fits Strand's interfaces.
 */
final class ClassNames {

    static final String APACHE_PREFIX = "org.apache.kafka.";
    static final String STRAND_PREFIX = "io.strand.";

    private ClassNames() {
    }

    /** The Strand name an Apache class name stands for, or the name itself. */
    static String strandEquivalent(String name) {
        return name.startsWith(APACHE_PREFIX) ? STRAND_PREFIX + name.substring(APACHE_PREFIX.length()) : name;
    }

    /** Loads {@code name}, preferring its Strand equivalent; null if neither exists. */
    static Class<?> load(String name) {
        String translated = strandEquivalent(name);
        if (!translated.equals(name)) {
            Class<?> c = tryLoad(translated);
            if (c != null) {
                return c;
            }
        }
        return tryLoad(name);
    }

    /** Loads a configured class or fails naming the key, the value and, for an Apache name, the Strand name tried. */
    static Class<?> loadFor(String key, String name) {
        Class<?> c = load(name);
        if (c == null) {
            String translated = strandEquivalent(name);
            throw new ConfigException(key, name, translated.equals(name) ? "Class " + name + " could not be found."
                : "Class " + name + " could not be found, nor its Strand equivalent " + translated + ".");
        }
        return c;
    }

    private static Class<?> tryLoad(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, true, context != null ? context : ClassNames.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            if (context != null) {
                try {
                    return Class.forName(name, true, ClassNames.class.getClassLoader());
                } catch (ClassNotFoundException | NoClassDefFoundError e2) {
                    return null;
                }
            }
            return null;
        }
    }
}
