package io.strand.broker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link StubBrokerExtension} starts its broker; on a test class, or on a test method to
 * give that test a broker of its own.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StubBrokerSettings {

    /** Nodes in the cluster. */
    int nodes() default 1;

    /** Partitions of topics created without a count. */
    int defaultPartitions() default 1;

    /** Whether Metadata requests create unknown topics. */
    boolean autoCreateTopics() default true;

    /**
     * A fresh broker for every test method instead of one for the whole class. Always true in
     * effect when the annotation is on a method.
     */
    boolean perTest() default false;
}
