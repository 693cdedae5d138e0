package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.message.Metadata;
import io.strand.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JUnit 5 extension: one broker per class, injected into fields and parameters; per-test brokers on request. */
@ExtendWith(StubBrokerExtension.class)
@StubBrokerSettings(nodes = 2)
class StubBrokerExtensionTest {

    private static StubBroker classBroker;
    private StubBroker fieldBroker;

    @Test
    void injectsTheClassBrokerEverywhere(StubBroker parameter) throws Exception {
        assertSame(classBroker, parameter);
        assertSame(classBroker, fieldBroker);
        assertEquals(2, parameter.nodes().size());
        try (RawClient c = new RawClient(parameter.port(1))) {
            assertEquals(2, c.call(ApiKeys.METADATA, 1, Metadata.DEFINITION.newRequest())
                .get(Metadata.Response.BROKERS).size());
        }
    }

    @Test
    @StubBrokerSettings(nodes = 1, perTest = true)
    void aMethodAnnotationGivesTheTestItsOwnBroker(StubBroker own) {
        assertNotSame(classBroker, own);
        assertSame(own, fieldBroker);
        assertEquals(1, own.nodes().size());
        assertTrue(classBroker.isRunning(0));
    }
}
