package io.strand.common.header;

/** A record header: a non-null key and a value that may be null. */
public interface Header {

    String key();

    byte[] value();
}
