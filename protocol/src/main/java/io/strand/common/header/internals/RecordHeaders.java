package io.strand.common.header.internals;

import io.strand.common.header.Header;
import io.strand.common.header.Headers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The list behind {@link Headers}. The producer calls {@link #setReadOnly()} once the record is
 * serialized, because interceptors and serializers that change headers later would make the
 * bytes on the wire differ from what the callback reports.
 */
public final class RecordHeaders implements Headers {

    private static final Header[] NONE = new Header[0];

    private final List<Header> headers;
    private boolean readOnly;

    public RecordHeaders() {
        this.headers = new ArrayList<>(2);
    }

    public RecordHeaders(Header[] headers) {
        this.headers = headers == null ? new ArrayList<>(2) : new ArrayList<>(Arrays.asList(headers));
    }

    public RecordHeaders(Iterable<Header> headers) {
        this.headers = new ArrayList<>();
        if (headers != null) {
            for (Header h : headers) {
                this.headers.add(h);
            }
        }
    }

    @Override
    public Headers add(Header header) {
        Objects.requireNonNull(header, "Null headers are not permitted");
        checkWritable();
        headers.add(header);
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        headers.removeIf(h -> h.key().equals(key));
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            Header h = headers.get(i);
            if (h.key().equals(key)) {
                return h;
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> matching = new ArrayList<>(2);
        for (Header h : headers) {
            if (h.key().equals(key)) {
                matching.add(h);
            }
        }
        return matching;
    }

    @Override
    public Header[] toArray() {
        return headers.isEmpty() ? NONE : headers.toArray(NONE);
    }

    @Override
    public Iterator<Header> iterator() {
        Iterator<Header> it = headers.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Header next() {
                return it.next();
            }

            @Override
            public void remove() {
                checkWritable();
                it.remove();
            }
        };
    }

    public void setReadOnly() {
        readOnly = true;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public int size() {
        return headers.size();
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("RecordHeaders has been closed.");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordHeaders && headers.equals(((RecordHeaders) o).headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return "RecordHeaders(headers = " + headers + ", isReadOnly = " + readOnly + ")";
    }
}
