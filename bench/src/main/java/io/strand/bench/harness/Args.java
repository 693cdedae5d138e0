package io.strand.bench.harness;

/** Small helpers for the commands' flag parsing: every bad value names its flag. */
public final class Args {

    private Args() {
    }

    /** The value after a flag, or an error naming the flag when there is none. */
    public static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    public static long parseLong(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, not '" + value + "'", e);
        }
    }

    public static double parseDouble(String flag, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, not '" + value + "'", e);
        }
    }

    public static int positiveInt(String flag, String value) {
        long v = parseLong(flag, value);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new UsageException(flag + " must be at least 1, not " + value);
        }
        return (int) v;
    }

    public static int nonNegativeInt(String flag, String value) {
        long v = parseLong(flag, value);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new UsageException(flag + " must be 0 or more, not " + value);
        }
        return (int) v;
    }

    /** A bad command-line option or value: the command prints its message alone, without a stack trace. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }

        public UsageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
