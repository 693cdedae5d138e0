package io.strand.common.config.types;

import java.util.Objects;

/** A secret configuration value: prints as {@value #HIDDEN} so that it never reaches a log. */
public final class Password {

    public static final String HIDDEN = "[hidden]";

    private final String value;

    public Password(String value) {
        this.value = value;
    }

    /** The secret itself. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Password && Objects.equals(value, ((Password) o).value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
