package io.strand.clients.consumer.internals;

import java.util.Objects;

/** A member's place in one generation of its group: the generation id, its member id, the assignor chosen. */
public final class Generation {

    public static final int NO_GENERATION_ID = -1;
    public static final String UNKNOWN_MEMBER_ID = "";
    public static final Generation NO_GENERATION = new Generation(NO_GENERATION_ID, UNKNOWN_MEMBER_ID, null);

    public final int generationId;
    public final String memberId;
    public final String protocolName;

    public Generation(int generationId, String memberId, String protocolName) {
        this.generationId = generationId;
        this.memberId = memberId;
        this.protocolName = protocolName;
    }

    public boolean isValid() {
        return generationId != NO_GENERATION_ID;
    }

    /** The same member, without a generation (after the group dropped it but kept the member id). */
    Generation withoutGeneration() {
        return new Generation(NO_GENERATION_ID, memberId, null);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Generation)) {
            return false;
        }
        Generation g = (Generation) o;
        return generationId == g.generationId && memberId.equals(g.memberId) && Objects.equals(protocolName, g.protocolName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(generationId, memberId, protocolName);
    }

    @Override
    public String toString() {
        return "Generation{generationId=" + generationId + ", memberId='" + memberId + "', protocol='" + protocolName + "'}";
    }
}
