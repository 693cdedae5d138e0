package io.strand.clients.consumer.internals;

/**
 * A reference count over one fetch response's frame: each partition's data holds one, and the
 * frame (whose slices the record batches are) goes back once every partition is done with it.
 * Used by the application thread only.
 */
final class FetchedRecords {

    private final Runnable release;
    private int holders;

    FetchedRecords(Runnable release) {
        this.release = release;
    }

    void hold() {
        holders++;
    }

    void done() {
        if (--holders == 0) {
            release.run();
        }
    }

    /** For a response none of whose partitions kept a reference. */
    void releaseIfUnheld() {
        if (holders == 0) {
            release.run();
        }
    }
}
