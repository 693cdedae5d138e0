package io.strand.clients.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 access to the JVM-wide {@link RealKafka}: started before the first test class that
 * uses it, shared by all later ones, stopped at JVM exit. Test methods and constructors may
 * take a {@code RealKafka} parameter.
 *
 * <pre>
 *   &#64;ExtendWith(RealKafkaExtension.class)
 *   class MyTest {
 *       &#64;Test void produces(RealKafka kafka) { ... kafka.bootstrapServers() ... }
 *   }
 * </pre>
 */
public final class RealKafkaExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        RealKafka.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return RealKafka.shared();
    }
}
