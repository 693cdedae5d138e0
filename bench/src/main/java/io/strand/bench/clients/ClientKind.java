package io.strand.bench.clients;

import io.strand.bench.harness.Args;
import java.util.Locale;
import java.util.Properties;

/** Which library a perf loop drives. Both take the same property names. */
public enum ClientKind {
    STRAND {
        @Override
        public PerfProducer producer(Properties props) {
            return new StrandProducer(props);
        }

        @Override
        public PerfConsumer consumer(Properties props) {
            return new StrandConsumer(props);
        }
    },
    APACHE {
        @Override
        public PerfProducer producer(Properties props) {
            return new ApacheProducer(props);
        }

        @Override
        public PerfConsumer consumer(Properties props) {
            return new ApacheConsumer(props);
        }
    };

    /** A byte-array producer with these settings (serializers are set here). */
    public abstract PerfProducer producer(Properties props);

    /** A byte-array consumer with these settings (deserializers are set here). */
    public abstract PerfConsumer consumer(Properties props);

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "strand" or "apache", as --client takes it. */
    public static ClientKind parse(String name) {
        for (ClientKind k : values()) {
            if (k.label().equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new Args.UsageException("--client must be strand or apache, not '" + name + "'");
    }
}
