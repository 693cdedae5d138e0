package io.strand.broker.internals.network;

import io.netty.buffer.ByteBuf;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Releases the record buffers a response holds (Fetch responses hold retained slices of the
 * log) once the response is encoded. Schemas without a records field are skipped after one look.
 */
public final class RecordBuffers {

    private static final Map<StructSchema, Boolean> HOLDS_RECORDS = new ConcurrentHashMap<>();

    private RecordBuffers() {
    }

    public static void release(Struct struct) {
        if (struct == null || !holdsRecords(struct.schema())) {
            return;
        }
        for (Field<?> f : struct.schema().fields()) {
            Object value = struct.get(f);
            if (value instanceof ByteBuf buf) {
                if (buf.refCnt() > 0) {
                    buf.release();
                }
            } else if (value instanceof Struct nested) {
                release(nested);
            } else if (value instanceof List<?> list && StructSchema.nestedSchemaOf(f) != null) {
                for (Object item : list) {
                    release((Struct) item);
                }
            }
        }
    }

    private static boolean holdsRecords(StructSchema schema) {
        Boolean known = HOLDS_RECORDS.get(schema);
        if (known != null) {
            return known;
        }
        boolean holds = false;
        for (Field<?> f : schema.fields()) {
            StructSchema nested = StructSchema.nestedSchemaOf(f);
            if (f.type() == Types.RECORDS || (nested != null && nested != schema && holdsRecords(nested))) {
                holds = true;
            }
        }
        HOLDS_RECORDS.put(schema, holds);
        return holds;
    }
}
