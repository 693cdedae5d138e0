package io.strand.common;

import java.util.Map;
import java.util.Objects;

/**
 * The name of a metric: a name, a group (such as "producer-metrics") and tags (such as
 * client-id). Two names are equal when name, group and tags are; the description is not part
 * of the identity.
 */
public final class MetricName {

    private final String name;
    private final String group;
    private final String description;
    private final Map<String, String> tags;
    private int hash;

    public MetricName(String name, String group, String description, Map<String, String> tags) {
        this.name = Objects.requireNonNull(name, "name");
        this.group = Objects.requireNonNull(group, "group");
        this.description = Objects.requireNonNull(description, "description");
        this.tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    public String name() {
        return name;
    }

    public String group() {
        return group;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public String description() {
        return description;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * (31 * group.hashCode() + name.hashCode()) + tags.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MetricName)) {
            return false;
        }
        MetricName other = (MetricName) o;
        return name.equals(other.name) && group.equals(other.group) && tags.equals(other.tags);
    }

    @Override
    public String toString() {
        return "MetricName [name=" + name + ", group=" + group + ", description=" + description + ", tags=" + tags + "]";
    }
}
