package io.strand.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.errors.ApiException;
import io.strand.common.errors.GroupAuthorizationException;
import io.strand.common.errors.InterruptException;
import io.strand.common.errors.NotLeaderOrFollowerException;
import io.strand.common.errors.RetriableException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.TopicAuthorizationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Apache kafka-clients 4.1 is the oracle for names, codes, exception types and their hierarchy. */
class ErrorsTest {

    static Stream<org.apache.kafka.common.protocol.Errors> apacheErrors() {
        return Arrays.stream(org.apache.kafka.common.protocol.Errors.values());
    }

    @Test
    void sameErrorsInTheSameOrder() {
        assertEquals(apacheErrors().map(Enum::name).toList(), Arrays.stream(Errors.values()).map(Enum::name).toList());
    }

    @ParameterizedTest
    @MethodSource("apacheErrors")
    void codeExceptionTypeAndRetriableMatchApache(org.apache.kafka.common.protocol.Errors theirs) {
        Errors ours = Errors.valueOf(theirs.name());
        assertEquals(theirs.code(), ours.code());

        org.apache.kafka.common.errors.ApiException theirException = theirs.exception();
        ApiException ourException = ours.exception();
        if (theirException == null) {
            assertNull(ourException);
            assertFalse(ours.isRetriable());
            return;
        }
        assertEquals(theirException.getClass().getSimpleName(), ourException.getClass().getSimpleName());
        boolean retriable = theirException instanceof org.apache.kafka.common.errors.RetriableException;
        assertEquals(retriable, ours.isRetriable());
        assertEquals(retriable, ourException instanceof RetriableException);
    }

    /** Callers catch the parents (InvalidMetadataException, AuthorizationException, ...), so they must match too. */
    @ParameterizedTest
    @MethodSource("apacheErrors")
    void exceptionHierarchyMatchesApache(org.apache.kafka.common.protocol.Errors theirs) throws Exception {
        if (theirs.exception() == null) {
            return;
        }
        ApiException ours = Errors.valueOf(theirs.name()).exception();
        for (Class<?> c = theirs.exception().getClass(); c != RuntimeException.class; c = c.getSuperclass()) {
            Class<?> twin = strandTwin(c);
            assertTrue(twin.isInstance(ours), ours.getClass().getName() + " should be a " + twin.getName());
        }
    }

    /** Apache's class name with Strand's prefix: the promise that porting means changing imports. */
    private static Class<?> strandTwin(Class<?> apache) throws ClassNotFoundException {
        return Class.forName(apache.getName().replace("org.apache.kafka.", "io.strand."));
    }

    @ParameterizedTest
    @MethodSource("apacheErrors")
    void messagesAreStrandsOwn(org.apache.kafka.common.protocol.Errors theirs) {
        String ours = Errors.valueOf(theirs.name()).message();
        assertFalse(ours == null || ours.isBlank(), theirs.name());
        assertNotEquals(normalize(theirs.message()), normalize(ours), theirs.name() + " copies Apache's message");
    }

    private static String normalize(String message) {
        return message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }

    @ParameterizedTest
    @EnumSource(value = Errors.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void exceptionCarriesTheDefaultOrTheGivenMessage(Errors error) {
        assertEquals(error.message(), error.exception().getMessage());
        assertEquals("broker said so", error.exception("broker said so").getMessage());
        // A fresh instance per call, so that each one's stack trace shows where it was raised.
        assertNotSame(error.exception(), error.exception());
    }

    @ParameterizedTest
    @EnumSource(Errors.class)
    void forCodeRoundTrips(Errors error) {
        assertSame(error, Errors.forCode(error.code()));
    }

    @Test
    void unknownCodesAreUnknownServerError() {
        short pastHighest = (short) (Arrays.stream(Errors.values()).mapToInt(Errors::code).max().orElseThrow() + 1);
        for (short code : new short[] {-2, pastHighest, 1000, Short.MAX_VALUE, Short.MIN_VALUE}) {
            assertSame(Errors.UNKNOWN_SERVER_ERROR, Errors.forCode(code), "code " + code);
        }
    }

    @ParameterizedTest
    @EnumSource(Errors.class)
    void forExceptionMapsEachTypedExceptionBack(Errors error) {
        assertSame(error, Errors.forException(error.exception()));
    }

    /** Exceptions that are not an error code of their own fall back the way Apache's do. */
    @ParameterizedTest
    @ValueSource(strings = {
        "errors.AuthorizationException", "errors.AuthenticationException", "errors.InvalidOffsetException",
        "errors.SerializationException", "errors.InterruptException", "KafkaException"})
    void forExceptionAgreesWithApacheOnParentClasses(String name) throws Exception {
        Class<?> theirClass = Class.forName("org.apache.kafka.common." + name);
        Throwable theirs = (Throwable) theirClass.getConstructor(String.class).newInstance("x");
        Throwable ours = (Throwable) strandTwin(theirClass).getConstructor(String.class).newInstance("x");
        Thread.interrupted(); // InterruptException sets the flag on both sides
        String expected = org.apache.kafka.common.protocol.Errors.forException(theirs).name();
        assertEquals(expected, Errors.forException(ours).name());
    }

    @Test
    void forExceptionUnwrapsFuturesAndWalksSuperclasses() {
        assertSame(Errors.REQUEST_TIMED_OUT, Errors.forException(new CompletionException(new TimeoutException("t"))));
        assertSame(Errors.REQUEST_TIMED_OUT,
            Errors.forException(new ExecutionException(new CompletionException(new TimeoutException("t")))));
        assertSame(Errors.NOT_LEADER_OR_FOLLOWER, Errors.forException(new NotLeaderOrFollowerException("n") { }));
        assertSame(Errors.UNKNOWN_SERVER_ERROR, Errors.forException(new IllegalStateException("boom")));
        assertSame(Errors.UNKNOWN_SERVER_ERROR, Errors.forException(new CompletionException(null)));
        assertSame(Errors.NONE, Errors.forException(null));
    }

    @Test
    void interruptExceptionRestoresTheInterruptFlag() {
        try {
            InterruptException e = new InterruptException(new InterruptedException());
            assertTrue(Thread.currentThread().isInterrupted());
            assertInstanceOf(InterruptedException.class, e.getCause());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void authorizationExceptionsNameWhatWasRefused() {
        TopicAuthorizationException topics = new TopicAuthorizationException(Set.of("orders", "payments"));
        assertEquals(Set.of("orders", "payments"), topics.unauthorizedTopics());
        assertTrue(topics.getMessage().contains("orders"));
        assertEquals(Set.of(), ((TopicAuthorizationException) Errors.TOPIC_AUTHORIZATION_FAILED.exception())
            .unauthorizedTopics());

        GroupAuthorizationException group = GroupAuthorizationException.forGroupId("billing");
        assertEquals("billing", group.groupId());
        assertTrue(group.getMessage().contains("billing"));
    }
}
