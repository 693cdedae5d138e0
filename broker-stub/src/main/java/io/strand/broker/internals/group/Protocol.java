package io.strand.broker.internals.group;

/** One entry of a member's protocol list: an assignor name and the member's metadata for it. */
record Protocol(String name, byte[] metadata) {
}
