package io.strand.clients.consumer.internals;

/**
 * A reference count over one fetch response's frame: each partition's data holds one, and the
 * frame (whose slices the record batches are) goes back once every partition is done with it.
 * It also sums what the partitions gave the application, for the per-request metrics, which
 * like Apache's are recorded once the whole response is consumed. Used by the application thread only.
 */
final class FetchedRecords {

    /** Told what one response gave, once all of it is consumed. */
    interface Done {
        void fetched(long bytes, int records);
    }

    private final Runnable release;
    private final Done done;
    private int holders;
    private long bytes;
    private int records;

    FetchedRecords(Runnable release, Done done) {
        this.release = release;
        this.done = done;
    }

    void hold() {
        holders++;
    }

    /** One partition is done: its data's size and the records it handed out. */
    void done(int partitionBytes, int partitionRecords) {
        bytes += partitionBytes;
        records += partitionRecords;
        if (--holders == 0) {
            finish();
        }
    }

    /** For a response none of whose partitions kept a reference. */
    void releaseIfUnheld() {
        if (holders == 0) {
            finish();
        }
    }

    private void finish() {
        done.fetched(bytes, records);
        release.run();
    }
}
