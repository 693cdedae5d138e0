package io.strand.common.message;

import io.strand.common.protocol.ApiKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The APIs a test run covers: all, or those named by -Dstrand.apis=Produce,Fetch while developing. */
final class SelectedApis {

    private SelectedApis() {
    }

    static List<ApiKeys> get() {
        String only = System.getProperty("strand.apis", "");
        Set<String> filter = only.isBlank() ? Set.of()
            : Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet());
        List<ApiKeys> out = new ArrayList<>();
        for (ApiKeys api : ApiKeys.values()) {
            if (filter.isEmpty() || filter.contains(api.name)) {
                out.add(api);
            }
        }
        return out;
    }
}
