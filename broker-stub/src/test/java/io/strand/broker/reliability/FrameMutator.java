package io.strand.broker.reliability;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations of a frame's bytes (size prefix excluded). The interesting values are the
 * lies a decoder must survive: lengths of -1, 0x7fffffff and 0x80000000, varints that never end,
 * counts that promise more than the frame holds.
 */
public final class FrameMutator {

    /** The request header's fixed part: api key, version, correlation id. */
    public static final int HEADER_FIXED_BYTES = 8;

    private static final int[] INTERESTING_INTS = {-1, 0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff,
        0x80000000, 0x40000000, 1 << 20, 1 << 24};
    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7f, (byte) 0x80, (byte) 0xfe};

    /** What a frame was turned into, for the report. */
    public enum Kind { VALID, BODY, TRUNCATED, HEADER, WRONG_API, RANDOM }

    private final Random random;

    public FrameMutator(Random random) {
        this.random = random;
    }

    public Kind pickKind() {
        int r = random.nextInt(100);
        if (r < 5) {
            return Kind.VALID;
        } else if (r < 65) {
            return Kind.BODY;
        } else if (r < 77) {
            return Kind.TRUNCATED;
        } else if (r < 87) {
            return Kind.HEADER;
        } else if (r < 95) {
            return Kind.WRONG_API;
        }
        return Kind.RANDOM;
    }

    /** 1 to 4 edits anywhere after the fixed header part: bit flips, lies in ints, inserted, cut or repeated bytes. */
    public byte[] mutateBody(byte[] frame) {
        byte[] out = frame;
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            out = edit(out, Math.min(HEADER_FIXED_BYTES, out.length));
        }
        return out;
    }

    public byte[] truncate(byte[] frame) {
        return Arrays.copyOf(frame, frame.length == 0 ? 0 : random.nextInt(frame.length));
    }

    /** Lies in the api key, version or client id length of an otherwise valid frame. */
    public byte[] mutateHeader(byte[] frame) {
        byte[] out = frame.clone();
        switch (random.nextInt(4)) {
            case 0 -> putShort(out, 0, (short) (random.nextBoolean() ? random.nextInt(80) : random.nextInt()));
            case 1 -> putShort(out, 2, (short) (random.nextInt(3) == 0 ? -1 : random.nextInt(25)));
            case 2 -> putShort(out, 8, (short) (random.nextBoolean() ? 0x7fff : -2 - random.nextInt(100)));
            default -> out = edit(out, 0);
        }
        return out;
    }

    /** The header of one API and version in front of the body of another. */
    public byte[] wrongApi(byte[] frame, byte[] other) {
        byte[] out = frame.clone();
        putShort(out, 0, (short) ((other[0] << 8) | (other[1] & 0xff)));
        putShort(out, 2, (short) ((other[2] << 8) | (other[3] & 0xff)));
        return out;
    }

    public byte[] randomBytes() {
        byte[] b = new byte[random.nextInt(300)];
        random.nextBytes(b);
        return b;
    }

    private byte[] edit(byte[] in, int from) {
        if (in.length <= from) {
            return appendGarbage(in);
        }
        int at = from + random.nextInt(in.length - from);
        byte[] out;
        switch (random.nextInt(8)) {
            case 0 -> {
                out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
            }
            case 1 -> {
                out = in.clone();
                out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
            }
            case 2 -> {
                out = in.clone();
                int v = INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
                for (int i = 0; i < 4 && at + i < out.length; i++) {
                    out[at + i] = (byte) (v >>> (24 - 8 * i));
                }
            }
            case 3 -> {
                out = in.clone();
                putShort(out, at, (short) INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)]);
            }
            case 4 -> {
                // a varint that never ends: continuation bits all the way
                out = in.clone();
                int n = 1 + random.nextInt(6);
                for (int i = 0; i < n && at + i < out.length; i++) {
                    out[at + i] = (byte) 0xff;
                }
            }
            case 5 -> {
                int len = 1 + random.nextInt(Math.min(16, in.length - at));
                out = new byte[in.length - len];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + len, out, at, in.length - at - len);
            }
            case 6 -> {
                int len = 1 + random.nextInt(Math.min(32, in.length - at));
                out = new byte[in.length + len];
                System.arraycopy(in, 0, out, 0, at + len);
                System.arraycopy(in, at, out, at + len, in.length - at);
            }
            default -> out = appendGarbage(in);
        }
        return out;
    }

    private byte[] appendGarbage(byte[] in) {
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] out = Arrays.copyOf(in, in.length + extra.length);
        System.arraycopy(extra, 0, out, in.length, extra.length);
        return out;
    }

    private static void putShort(byte[] b, int at, short v) {
        if (at + 1 < b.length) {
            b[at] = (byte) (v >> 8);
            b[at + 1] = (byte) v;
        }
    }
}
