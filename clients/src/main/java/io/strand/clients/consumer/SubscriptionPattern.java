package io.strand.clients.consumer;

import java.util.Objects;

/**
 * A regular expression (RE2/J syntax) evaluated by the broker, for the consumer group protocol of
 * KIP-848. Strand's consumer speaks the classic protocol, where subscribe(SubscriptionPattern)
 * is not available; use subscribe(java.util.regex.Pattern) instead.
 */
public class SubscriptionPattern {

    private final String pattern;

    public SubscriptionPattern(String pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionPattern && pattern.equals(((SubscriptionPattern) o).pattern);
    }
}
