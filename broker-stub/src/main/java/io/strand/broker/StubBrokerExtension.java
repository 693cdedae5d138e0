package io.strand.broker;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link StubBroker} for a test class (by default) or for each
 * test ({@link StubBrokerSettings#perTest()}, or the annotation on a method), and closes it
 * afterwards. The broker is injected into fields of type {@code StubBroker} (static ones for a
 * class-wide broker) and into parameters of that type.
 *
 * <pre>
 *   &#64;ExtendWith(StubBrokerExtension.class)
 *   &#64;StubBrokerSettings(nodes = 3)
 *   class OrdersTest {
 *       &#64;Test
 *       void sends(StubBroker broker) {
 *           props.put("bootstrap.servers", broker.bootstrapServers());
 *       }
 *   }
 * </pre>
 */
public final class StubBrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StubBrokerExtension.class);
    private static final String KEY = "broker";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        StubBrokerSettings settings = classSettings(context);
        if (settings != null && settings.perTest()) {
            return;
        }
        StubBroker broker = start(settings);
        context.getStore(NAMESPACE).put(KEY, broker);
        inject(context.getRequiredTestClass(), null, broker, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        StubBrokerSettings onMethod = context.getTestMethod().map(m -> m.getAnnotation(StubBrokerSettings.class))
            .orElse(null);
        StubBrokerSettings onClass = classSettings(context);
        StubBroker broker;
        if (onMethod != null || (onClass != null && onClass.perTest())) {
            broker = start(onMethod != null ? onMethod : onClass);
            context.getStore(NAMESPACE).put(KEY, broker);
        } else {
            broker = find(context);
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance.getClass(), instance, broker, false);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StubBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StubBroker broker = find(context);
        if (broker == null) {
            throw new ParameterResolutionException("No StubBroker is running for " + context.getDisplayName()
                + ": with perTest brokers, take it in test methods, not in @BeforeAll");
        }
        return broker;
    }

    private static StubBroker start(StubBrokerSettings settings) {
        StubBroker.Builder b = StubBroker.builder();
        if (settings != null) {
            b.nodes(settings.nodes()).defaultPartitions(settings.defaultPartitions())
                .autoCreateTopics(settings.autoCreateTopics());
        }
        return b.build();
    }

    private static StubBrokerSettings classSettings(ExtensionContext context) {
        return context.getTestClass().map(c -> c.getAnnotation(StubBrokerSettings.class)).orElse(null);
    }

    /** The nearest broker: this test's own, else its class's (outer classes included for nested tests). */
    private static StubBroker find(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            StubBroker b = c.get().getStore(NAMESPACE).get(KEY, StubBroker.class);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static void closeOwn(ExtensionContext context) {
        StubBroker b = context.getStore(NAMESPACE).remove(KEY, StubBroker.class);
        if (b != null) {
            b.close();
        }
    }

    private static void inject(Class<?> type, Object instance, StubBroker broker, boolean statics) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() != StubBroker.class || Modifier.isStatic(f.getModifiers()) != statics
                    || Modifier.isFinal(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(instance, broker);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new ExtensionConfigurationException("Cannot inject the StubBroker into " + f, e);
                }
            }
        }
    }
}
