package io.strand.clients.internals.network;

import io.strand.common.Node;
import io.strand.common.errors.UnsupportedVersionException;
import io.strand.common.message.ApiVersions;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Struct;
import java.util.HashMap;
import java.util.Map;

/** The version ranges one broker advertised in its ApiVersions response, and the choice of version per request. */
public final class NodeApiVersions {

    private final Map<Short, short[]> ranges;

    NodeApiVersions(Map<Short, short[]> ranges) {
        this.ranges = ranges;
    }

    /** The ranges in an ApiVersions response body (of any version). */
    static NodeApiVersions fromResponse(Struct body) {
        Map<Short, short[]> ranges = new HashMap<>();
        for (Struct k : body.get(ApiVersions.Response.API_KEYS)) {
            ranges.put(k.get(ApiVersions.Response.ApiVersion.API_KEY), new short[] {
                k.get(ApiVersions.Response.ApiVersion.MIN_VERSION), k.get(ApiVersions.Response.ApiVersion.MAX_VERSION)});
        }
        return new NodeApiVersions(ranges);
    }

    /** Whether the broker lists the API at all. */
    public boolean supports(ApiKeys api) {
        return ranges.containsKey(api.id);
    }

    /** The broker's oldest version of {@code api}, or -1 if it does not list it. */
    public short brokerMin(ApiKeys api) {
        short[] r = ranges.get(api.id);
        return r == null ? -1 : r[0];
    }

    /** The broker's newest version of {@code api}, or -1 if it does not list it. */
    public short brokerMax(ApiKeys api) {
        short[] r = ranges.get(api.id);
        return r == null ? -1 : r[1];
    }

    /**
     * The highest version that Strand, the broker and the caller all allow.
     *
     * @throws UnsupportedVersionException naming the API, the node and the three ranges when they share no version
     */
    public short latestUsableVersion(ApiKeys api, short callerOldest, short callerLatest, Node node) {
        short[] r = ranges.get(api.id);
        if (r == null) {
            throw new UnsupportedVersionException("The broker at " + NetworkClient.describe(node)
                + " does not support " + api.name + " at all");
        }
        int low = Math.max(Math.max(api.oldestVersion(), r[0]), callerOldest);
        int high = Math.min(Math.min(api.latestVersion(), r[1]), callerLatest);
        if (low > high) {
            throw new UnsupportedVersionException("No common version of " + api.name + " with the broker at "
                + NetworkClient.describe(node) + ": the broker supports " + r[0] + "-" + r[1] + ", Strand "
                + api.oldestVersion() + "-" + api.latestVersion() + ", this request "
                + callerOldest + "-" + Math.min(callerLatest, api.latestVersion()));
        }
        return (short) high;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NodeApiVersions(");
        for (ApiKeys api : ApiKeys.values()) {
            short[] r = ranges.get(api.id);
            if (r != null) {
                sb.append(api.name).append(' ').append(r[0]).append('-').append(r[1]).append(", ");
            }
        }
        return sb.append(ranges.size()).append(" APIs)").toString();
    }
}
