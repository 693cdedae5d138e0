package io.strand.broker.internals.cluster;

import java.util.List;

/** The nodes of the cluster, fixed at start, and which of them are listening now. */
public interface NodeDirectory {

    /** Every node id, ascending. */
    List<Integer> nodeIds();

    /** The ids of the running nodes, ascending. */
    List<Integer> liveNodeIds();

    boolean isLive(int nodeId);

    String host(int nodeId);

    int port(int nodeId);
}
