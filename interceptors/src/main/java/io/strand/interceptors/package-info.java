/**
 * Interceptors to chain with {@code interceptor.classes}. Producer side:
 * {@link io.strand.interceptors.CountingProducerInterceptor} (acknowledged and failed counts, logged
 * on close), {@link io.strand.interceptors.TimestampProducerInterceptor} (send time in a header,
 * optionally as a value prefix), {@link io.strand.interceptors.TracingProducerInterceptor} (a trace
 * id header) and {@link io.strand.interceptors.LoggingProducerInterceptor}. Consumer side:
 * {@link io.strand.interceptors.LatencyConsumerInterceptor} (end-to-end latency percentiles from the
 * send-time header), {@link io.strand.interceptors.TracingConsumerInterceptor} with
 * {@link io.strand.interceptors.TraceContext} (the trace id in a thread-local and the slf4j MDC while
 * a record is processed) and {@link io.strand.interceptors.LoggingConsumerInterceptor}. Settings are
 * read from the client's configuration and checked in {@code configure}: a wrong one throws a
 * {@link io.strand.common.config.ConfigException} naming the key.
 */
package io.strand.interceptors;
