package io.strand.common.message;

import io.strand.common.protocol.ApiKeys;
import java.util.EnumMap;
import java.util.Map;

/** Finds the definition of each API: the class in this package named after it, e.g. {@link Produce}. */
public final class ApiDefinitions {

    private static final Map<ApiKeys, ApiDefinition> BY_API = new EnumMap<>(ApiKeys.class);

    private ApiDefinitions() {
    }

    /** @throws IllegalStateException if the API has no definition class (a build error, not a peer's) */
    public static synchronized ApiDefinition of(ApiKeys api) {
        ApiDefinition def = BY_API.get(api);
        if (def == null) {
            String cls = ApiDefinitions.class.getPackageName() + "." + api.name;
            try {
                def = (ApiDefinition) Class.forName(cls).getField("DEFINITION").get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("No definition for " + api.name + ": expected " + cls + ".DEFINITION", e);
            }
            if (def.api() != api) {
                throw new IllegalStateException(cls + ".DEFINITION is for " + def.api() + ", not " + api);
            }
            BY_API.put(api, def);
        }
        return def;
    }
}
