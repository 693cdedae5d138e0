package org.apache.kafka.strandtest;

/** A class under org.apache.kafka with no io.strand twin: the alias lookup must fall back to it. */
public class OnlyApache {
}
