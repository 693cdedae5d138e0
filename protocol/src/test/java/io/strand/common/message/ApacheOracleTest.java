package io.strand.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.common.protocol.ApiKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API, every version, both directions, every field set: Strand and Apache kafka-clients
 * agree on the bytes and on every field's value. Set -Dstrand.apis=Produce,Fetch to run a subset.
 */
class ApacheOracleTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ApiKeys api : SelectedApis.get()) {
            for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
                for (boolean request : new boolean[] {true, false}) {
                    for (boolean nulls : new boolean[] {false, true}) {
                        out.add(Arguments.of(api, v, request, nulls));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} v{1} request={2} nulls={3}")
    @MethodSource("cases")
    void strandAndApacheAgree(ApiKeys api, short version, boolean request, boolean nulls) throws Exception {
        ApacheOracle.roundTrip(ApiDefinitions.of(api), request, version, nulls);
    }

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void versionRangesAndFlexibilityMatchApache(ApiKeys api) {
        org.apache.kafka.common.protocol.ApiKeys theirs = org.apache.kafka.common.protocol.ApiKeys.forId(api.id);
        assertEquals(theirs.name, api.name);
        assertEquals(theirs.messageType.lowestSupportedVersion(), api.oldestVersion(), "oldest version of " + api.name);
        assertEquals(theirs.messageType.highestSupportedVersion(false), api.latestVersion(), "latest version of " + api.name);
        for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
            assertEquals(theirs.requestHeaderVersion(v), api.requestHeaderVersion(v), api.name + " v" + v + " request header");
            assertEquals(theirs.responseHeaderVersion(v), api.responseHeaderVersion(v), api.name + " v" + v + " response header");
        }
    }
}
