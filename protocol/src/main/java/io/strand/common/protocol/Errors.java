package io.strand.common.protocol;

import io.strand.common.InvalidRecordException;
import io.strand.common.errors.*;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error code of Apache Kafka 4.1, with the same names, codes and retriable classification,
 * and the typed exception each one stands for. The messages are Strand's own.
 */
public enum Errors {
    UNKNOWN_SERVER_ERROR(-1, UnknownServerException::new,
        "The broker hit an unexpected error while handling the request; its log should say more."),
    NONE(0, null, "No error."),
    OFFSET_OUT_OF_RANGE(1, OffsetOutOfRangeException::new,
        "The requested offset lies before the log start or past the log end of the partition."),
    CORRUPT_MESSAGE(2, CorruptRecordException::new,
        "A record batch failed its CRC check, has an invalid size or is otherwise malformed (for example, a "
            + "null key on a compacted topic)."),
    UNKNOWN_TOPIC_OR_PARTITION(3, UnknownTopicOrPartitionException::new,
        "The broker does not host this topic or partition; it may not exist yet, or the client's metadata is stale."),
    INVALID_FETCH_SIZE(4, InvalidFetchSizeException::new,
        "The maximum fetch size given in the request is not acceptable."),
    LEADER_NOT_AVAILABLE(5, LeaderNotAvailableException::new,
        "The partition currently has no leader, most likely because a leader election is in progress."),
    NOT_LEADER_OR_FOLLOWER(6, NotLeaderOrFollowerException::new,
        "This broker is not the leader of the partition (for leader-only requests) or not one of its replicas "
            + "(for the others)."),
    REQUEST_TIMED_OUT(7, TimeoutException::new, "The broker could not complete the request within its timeout."),
    BROKER_NOT_AVAILABLE(8, BrokerNotAvailableException::new, "The target broker is not currently available."),
    REPLICA_NOT_AVAILABLE(9, ReplicaNotAvailableException::new,
        "The replica asked for is not available on this broker."),
    MESSAGE_TOO_LARGE(10, RecordTooLargeException::new,
        "A record in the request is larger than the maximum message size the broker accepts."),
    STALE_CONTROLLER_EPOCH(11, ControllerMovedException::new,
        "The controller epoch is stale: the controller has moved to another node."),
    OFFSET_METADATA_TOO_LARGE(12, OffsetMetadataTooLarge::new,
        "The metadata attached to an offset commit exceeds the broker's size limit."),
    NETWORK_EXCEPTION(13, NetworkException::new, "The connection closed before the broker's response was received."),
    COORDINATOR_LOAD_IN_PROGRESS(14, CoordinatorLoadInProgressException::new,
        "The coordinator is still loading its state; try again shortly."),
    COORDINATOR_NOT_AVAILABLE(15, CoordinatorNotAvailableException::new,
        "No coordinator is currently available for this group or transactional id."),
    NOT_COORDINATOR(16, NotCoordinatorException::new,
        "This broker is not the coordinator for the given group or transactional id."),
    INVALID_TOPIC_EXCEPTION(17, InvalidTopicException::new,
        "The topic name is invalid, or the operation is not allowed on this topic."),
    RECORD_LIST_TOO_LARGE(18, RecordBatchTooLargeException::new,
        "A record batch in the request is larger than the broker's configured segment size."),
    NOT_ENOUGH_REPLICAS(19, NotEnoughReplicasException::new,
        "The write was refused: fewer replicas are in sync than min.insync.replicas requires."),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20, NotEnoughReplicasAfterAppendException::new,
        "The records were appended, but fewer replicas than min.insync.replicas acknowledged them."),
    INVALID_REQUIRED_ACKS(21, InvalidRequiredAcksException::new,
        "The produce request's acks value is not one of -1, 0 or 1."),
    ILLEGAL_GENERATION(22, IllegalGenerationException::new,
        "The group generation in the request is not the current one."),
    INCONSISTENT_GROUP_PROTOCOL(23, InconsistentGroupProtocolException::new,
        "The member's protocol type or protocol list is empty or does not match the group's."),
    INVALID_GROUP_ID(24, InvalidGroupIdException::new, "The group id is not valid (for example, it is empty)."),
    UNKNOWN_MEMBER_ID(25, UnknownMemberIdException::new,
        "The coordinator does not know this member id; the member must rejoin the group."),
    INVALID_SESSION_TIMEOUT(26, InvalidSessionTimeoutException::new,
        "The session timeout is outside the range the broker allows (group.min.session.timeout.ms to "
            + "group.max.session.timeout.ms)."),
    REBALANCE_IN_PROGRESS(27, RebalanceInProgressException::new,
        "A rebalance is in progress; the member has to rejoin the group."),
    INVALID_COMMIT_OFFSET_SIZE(28, InvalidCommitOffsetSizeException::new,
        "The offset commit data has a size the broker cannot store."),
    TOPIC_AUTHORIZATION_FAILED(29, TopicAuthorizationException::new,
        "Not authorized to access one or more of the topics in the request."),
    GROUP_AUTHORIZATION_FAILED(30, GroupAuthorizationException::new,
        "Not authorized to access the group in the request."),
    CLUSTER_AUTHORIZATION_FAILED(31, ClusterAuthorizationException::new,
        "Not authorized to perform this cluster-level operation."),
    INVALID_TIMESTAMP(32, InvalidTimestampException::new,
        "A record timestamp falls outside the range the broker accepts (message.timestamp.before.max.ms and "
            + "message.timestamp.after.max.ms)."),
    UNSUPPORTED_SASL_MECHANISM(33, UnsupportedSaslMechanismException::new,
        "The SASL mechanism the client asked for is not enabled on the broker."),
    ILLEGAL_SASL_STATE(34, IllegalSaslStateException::new,
        "The request is not allowed at this stage of the SASL exchange."),
    UNSUPPORTED_VERSION(35, UnsupportedVersionException::new,
        "The broker does not support this API at the requested version."),
    TOPIC_ALREADY_EXISTS(36, TopicExistsException::new,
        "The topic cannot be created because one with the same name already exists."),
    INVALID_PARTITIONS(37, InvalidPartitionsException::new, "The requested number of partitions is not valid."),
    INVALID_REPLICATION_FACTOR(38, InvalidReplicationFactorException::new,
        "The replication factor must be at least 1 and no more than the number of available brokers."),
    INVALID_REPLICA_ASSIGNMENT(39, InvalidReplicaAssignmentException::new,
        "The replica assignment in the request is not valid."),
    INVALID_CONFIG(40, InvalidConfigurationException::new, "A configuration entry in the request is not valid."),
    NOT_CONTROLLER(41, NotControllerException::new, "This node is not the active controller of the cluster."),
    INVALID_REQUEST(42, InvalidRequestException::new,
        "The broker rejected the request as malformed, which usually means a client bug or a client and "
            + "broker that do not match; the broker log has details."),
    UNSUPPORTED_FOR_MESSAGE_FORMAT(43, UnsupportedForMessageFormatException::new,
        "The topic's message format is too old for what this request needs."),
    POLICY_VIOLATION(44, PolicyViolationException::new, "The request violates a policy configured on the broker."),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45, OutOfOrderSequenceException::new,
        "The broker received a producer sequence number that is not the next one it expected."),
    DUPLICATE_SEQUENCE_NUMBER(46, DuplicateSequenceException::new,
        "The broker has already written a batch with this producer sequence number."),
    INVALID_PRODUCER_EPOCH(47, InvalidProducerEpochException::new,
        "The producer epoch in the request is older than the current one."),
    INVALID_TXN_STATE(48, InvalidTxnStateException::new,
        "The transactional operation is not allowed in the transaction's current state."),
    INVALID_PRODUCER_ID_MAPPING(49, InvalidPidMappingException::new,
        "The producer id is not the one currently mapped to this transactional id."),
    INVALID_TRANSACTION_TIMEOUT(50, InvalidTxnTimeoutException::new,
        "The transaction timeout exceeds the broker's maximum (transaction.max.timeout.ms)."),
    CONCURRENT_TRANSACTIONS(51, ConcurrentTransactionsException::new,
        "Another operation on this transaction is still in progress."),
    TRANSACTION_COORDINATOR_FENCED(52, TransactionCoordinatorFencedException::new,
        "The transaction coordinator sending this request has been replaced by a newer one."),
    TRANSACTIONAL_ID_AUTHORIZATION_FAILED(53, TransactionalIdAuthorizationException::new,
        "Not authorized to use this transactional id."),
    SECURITY_DISABLED(54, SecurityDisabledException::new,
        "The security feature this request needs is disabled on the broker."),
    OPERATION_NOT_ATTEMPTED(55, OperationNotAttemptedException::new,
        "The broker skipped this operation because another one in the same batch failed."),
    KAFKA_STORAGE_ERROR(56, KafkaStorageException::new,
        "The broker hit a disk error while accessing the partition's log."),
    LOG_DIR_NOT_FOUND(57, LogDirNotFoundException::new,
        "The log directory named in the request is not one of the broker's configured log directories."),
    SASL_AUTHENTICATION_FAILED(58, SaslAuthenticationException::new,
        "SASL authentication failed; check the credentials."),
    UNKNOWN_PRODUCER_ID(59, UnknownProducerIdException::new,
        "The broker has no state for this producer id, typically because retention removed all of the "
            + "producer's records."),
    REASSIGNMENT_IN_PROGRESS(60, ReassignmentInProgressException::new,
        "The partition is being reassigned; the operation cannot run until that finishes."),
    DELEGATION_TOKEN_AUTH_DISABLED(61, DelegationTokenDisabledException::new,
        "Delegation tokens are not enabled on this cluster."),
    DELEGATION_TOKEN_NOT_FOUND(62, DelegationTokenNotFoundException::new,
        "The broker has no delegation token matching the request."),
    DELEGATION_TOKEN_OWNER_MISMATCH(63, DelegationTokenOwnerMismatchException::new,
        "The principal is not the owner or a renewer of the delegation token."),
    DELEGATION_TOKEN_REQUEST_NOT_ALLOWED(64, UnsupportedByAuthenticationException::new,
        "Delegation token requests are not allowed over PLAINTEXT, one-way SSL or "
            + "delegation-token-authenticated connections."),
    DELEGATION_TOKEN_AUTHORIZATION_FAILED(65, DelegationTokenAuthorizationException::new,
        "Not authorized to perform this delegation token operation."),
    DELEGATION_TOKEN_EXPIRED(66, DelegationTokenExpiredException::new,
        "The delegation token is past its expiry time and can no longer be used."),
    INVALID_PRINCIPAL_TYPE(67, InvalidPrincipalTypeException::new,
        "The principal type in the request is not supported by the broker."),
    NON_EMPTY_GROUP(68, GroupNotEmptyException::new, "The group still has active members."),
    GROUP_ID_NOT_FOUND(69, GroupIdNotFoundException::new, "No group with this id exists."),
    FETCH_SESSION_ID_NOT_FOUND(70, FetchSessionIdNotFoundException::new,
        "The broker does not know the fetch session id in the request."),
    INVALID_FETCH_SESSION_EPOCH(71, InvalidFetchSessionEpochException::new,
        "The fetch session epoch in the request is not the one the broker expected."),
    LISTENER_NOT_FOUND(72, ListenerNotFoundException::new,
        "The leader has no listener matching the one this metadata request arrived on."),
    TOPIC_DELETION_DISABLED(73, TopicDeletionDisabledException::new, "Deleting topics is disabled on this broker."),
    FENCED_LEADER_EPOCH(74, FencedLeaderEpochException::new,
        "The request's leader epoch is older than the broker's current epoch."),
    UNKNOWN_LEADER_EPOCH(75, UnknownLeaderEpochException::new,
        "The request's leader epoch is newer than the broker's current epoch."),
    UNSUPPORTED_COMPRESSION_TYPE(76, UnsupportedCompressionTypeException::new,
        "The partition uses a compression type this client's request version cannot handle."),
    STALE_BROKER_EPOCH(77, StaleBrokerEpochException::new, "The broker epoch in the request is out of date."),
    OFFSET_NOT_AVAILABLE(78, OffsetNotAvailableException::new,
        "Offsets are not available yet: the new leader's high watermark has not caught up after an election."),
    MEMBER_ID_REQUIRED(79, MemberIdRequiredException::new,
        "The member must rejoin with the member id the coordinator has just assigned."),
    PREFERRED_LEADER_NOT_AVAILABLE(80, PreferredLeaderNotAvailableException::new,
        "The preferred replica cannot become leader at the moment."),
    GROUP_MAX_SIZE_REACHED(81, GroupMaxSizeReachedException::new, "The group is full (group.max.size reached)."),
    FENCED_INSTANCE_ID(82, FencedInstanceIdException::new,
        "Another member registered with the same group.instance.id and a different member id, fencing this one."),
    ELIGIBLE_LEADERS_NOT_AVAILABLE(83, EligibleLeadersNotAvailableException::new,
        "No eligible leader is available for the partition."),
    ELECTION_NOT_NEEDED(84, ElectionNotNeededException::new,
        "The partition already has the leader the election would choose."),
    NO_REASSIGNMENT_IN_PROGRESS(85, NoReassignmentInProgressException::new,
        "There is no partition reassignment in progress to cancel."),
    GROUP_SUBSCRIBED_TO_TOPIC(86, GroupSubscribedToTopicException::new,
        "Offsets cannot be deleted for a topic the group is still subscribed to."),
    INVALID_RECORD(87, InvalidRecordException::new, "The broker's validation rejected a record in the batch."),
    UNSTABLE_OFFSET_COMMIT(88, UnstableOffsetCommitException::new,
        "Pending transactional offset commits must complete before these offsets can be read."),
    THROTTLING_QUOTA_EXCEEDED(89, ThrottlingQuotaExceededException::new,
        "The request exceeds the principal's throttling quota."),
    PRODUCER_FENCED(90, ProducerFencedException::new,
        "A newer producer with the same transactional id has fenced this one."),
    RESOURCE_NOT_FOUND(91, ResourceNotFoundException::new, "A resource named in the request does not exist."),
    DUPLICATE_RESOURCE(92, DuplicateResourceException::new, "The request names the same resource more than once."),
    UNACCEPTABLE_CREDENTIAL(93, UnacceptableCredentialException::new,
        "The credential does not meet the broker's requirements."),
    INCONSISTENT_VOTER_SET(94, InconsistentVoterSetException::new,
        "The sender or receiver of this voter request is not in the expected voter set."),
    INVALID_UPDATE_VERSION(95, InvalidUpdateVersionException::new, "The update version in the request is not valid."),
    FEATURE_UPDATE_FAILED(96, FeatureUpdateFailedException::new,
        "The finalized feature update could not be applied because of an unexpected server error."),
    PRINCIPAL_DESERIALIZATION_FAILURE(97, PrincipalDeserializationException::new,
        "The principal of a forwarded request could not be deserialized; check the cluster's security setup."),
    SNAPSHOT_NOT_FOUND(98, SnapshotNotFoundException::new, "The requested snapshot does not exist."),
    POSITION_OUT_OF_RANGE(99, PositionOutOfRangeException::new,
        "The requested position is negative or beyond the end of the snapshot."),
    UNKNOWN_TOPIC_ID(100, UnknownTopicIdException::new, "The broker does not host a topic with this topic id."),
    DUPLICATE_BROKER_REGISTRATION(101, DuplicateBrokerRegistrationException::new,
        "Another broker has already registered with this broker id."),
    BROKER_ID_NOT_REGISTERED(102, BrokerIdNotRegisteredException::new,
        "The broker id in the request is not registered."),
    INCONSISTENT_TOPIC_ID(103, InconsistentTopicIdException::new,
        "The topic id in the request does not match the one stored in the log."),
    INCONSISTENT_CLUSTER_ID(104, InconsistentClusterIdException::new,
        "The cluster id in the request does not match this server's."),
    TRANSACTIONAL_ID_NOT_FOUND(105, TransactionalIdNotFoundException::new,
        "No transaction exists for this transactional id."),
    FETCH_SESSION_TOPIC_ID_ERROR(106, FetchSessionTopicIdException::new,
        "The fetch session saw inconsistent use of topic ids."),
    INELIGIBLE_REPLICA(107, IneligibleReplicaException::new,
        "The proposed ISR contains a replica that is not eligible."),
    NEW_LEADER_ELECTED(108, NewLeaderElectedException::new,
        "The partition state was updated, but a new leader has since been elected."),
    OFFSET_MOVED_TO_TIERED_STORAGE(109, OffsetMovedToTieredStorageException::new,
        "The requested offset is only available from tiered storage."),
    FENCED_MEMBER_EPOCH(110, FencedMemberEpochException::new,
        "The coordinator has fenced this member's epoch; it must release its partitions and rejoin."),
    UNRELEASED_INSTANCE_ID(111, UnreleasedInstanceIdException::new,
        "Another member still holds this group.instance.id and must leave the group first."),
    UNSUPPORTED_ASSIGNOR(112, UnsupportedAssignorException::new,
        "The group does not support this assignor or its version range."),
    STALE_MEMBER_EPOCH(113, StaleMemberEpochException::new,
        "The member epoch is out of date; retry once a heartbeat returns the current one."),
    MISMATCHED_ENDPOINT_TYPE(114, MismatchedEndpointTypeException::new,
        "The request reached an endpoint of the wrong type (broker versus controller)."),
    UNSUPPORTED_ENDPOINT_TYPE(115, UnsupportedEndpointTypeException::new,
        "The endpoint type in the request is not supported yet."),
    UNKNOWN_CONTROLLER_ID(116, UnknownControllerIdException::new, "The controller id in the request is unknown."),
    UNKNOWN_SUBSCRIPTION_ID(117, UnknownSubscriptionIdException::new,
        "The telemetry subscription id is unknown or out of date; fetch a new subscription."),
    TELEMETRY_TOO_LARGE(118, TelemetryTooLargeException::new, "The telemetry push is larger than the broker accepts."),
    INVALID_REGISTRATION(119, InvalidRegistrationException::new,
        "The controller rejected the broker registration as invalid."),
    TRANSACTION_ABORTABLE(120, TransactionAbortableException::new,
        "The transaction failed; abort it to keep using this transactional id."),
    INVALID_RECORD_STATE(121, InvalidRecordStateException::new,
        "The record is not in a state that allows this acknowledgement."),
    SHARE_SESSION_NOT_FOUND(122, ShareSessionNotFoundException::new,
        "The broker does not know the share session in the request."),
    INVALID_SHARE_SESSION_EPOCH(123, InvalidShareSessionEpochException::new,
        "The share session epoch in the request is not the one the broker expected."),
    FENCED_STATE_EPOCH(124, FencedStateEpochException::new,
        "The share-group state epoch in the request does not match the share coordinator's."),
    INVALID_VOTER_KEY(125, InvalidVoterKeyException::new,
        "The voter id and directory id in the request do not identify this replica."),
    DUPLICATE_VOTER(126, DuplicateVoterException::new, "The voter is already in the voter set."),
    VOTER_NOT_FOUND(127, VoterNotFoundException::new, "The voter is not in the voter set."),
    INVALID_REGULAR_EXPRESSION(128, InvalidRegularExpression::new,
        "The broker could not parse the subscription's regular expression."),
    REBOOTSTRAP_REQUIRED(129, RebootstrapRequiredException::new,
        "The client's metadata is stale; it must rebootstrap from bootstrap.servers."),
    STREAMS_INVALID_TOPOLOGY(130, StreamsInvalidTopologyException::new,
        "The streams topology in the request is not valid."),
    STREAMS_INVALID_TOPOLOGY_EPOCH(131, StreamsInvalidTopologyEpochException::new,
        "The streams topology epoch in the request is not valid."),
    STREAMS_TOPOLOGY_FENCED(132, StreamsTopologyFencedException::new,
        "The streams topology epoch is older than the group's current one."),
    SHARE_SESSION_LIMIT_REACHED(133, ShareSessionLimitReachedException::new,
        "The broker has no room for another share session.");

    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    /** UNKNOWN_SERVER_ERROR's -1 is the lowest code; forCode indexes BY_CODE with code - LOWEST_CODE. */
    private static final int LOWEST_CODE = -1;
    private static final Errors[] BY_CODE;
    private static final Map<Class<?>, Errors> BY_CLASS = new HashMap<>();

    static {
        int highest = LOWEST_CODE;
        for (Errors error : values()) {
            highest = Math.max(highest, error.code);
        }
        BY_CODE = new Errors[highest - LOWEST_CODE + 1];
        for (Errors error : values()) {
            BY_CODE[error.code - LOWEST_CODE] = error;
            if (error.exceptionClass != null) {
                BY_CLASS.put(error.exceptionClass, error);
            }
        }
    }

    private final short code;
    private final Function<String, ApiException> builder;
    private final String message;
    private final Class<? extends ApiException> exceptionClass;
    private final boolean retriable;

    Errors(int code, Function<String, ApiException> builder, String message) {
        this.code = (short) code;
        this.builder = builder;
        this.message = message;
        // One sample instance tells the class (for forException) and the retriable flag, so that
        // neither has to be written out again, and possibly wrong, for each of the constants.
        ApiException sample = builder == null ? null : builder.apply(message);
        this.exceptionClass = sample == null ? null : sample.getClass();
        this.retriable = sample instanceof RetriableException;
    }

    public short code() {
        return code;
    }

    /** A default description of the error, for when the broker sent none of its own. */
    public String message() {
        return message;
    }

    /** Whether the same request may succeed if sent again; true exactly when the exception is a RetriableException. */
    public boolean isRetriable() {
        return retriable;
    }

    /** A new exception of this error's type with the default message, or null for NONE. */
    public ApiException exception() {
        return exception(null);
    }

    /**
     * A new exception of this error's type, or null for NONE.
     *
     * @param message the detail to report, for example the broker's error message; null for the default
     */
    public ApiException exception(String message) {
        return builder == null ? null : builder.apply(message == null ? this.message : message);
    }

    /** The error with this code; UNKNOWN_SERVER_ERROR, with a warning, for a code this version does not know. */
    public static Errors forCode(short code) {
        int index = code - LOWEST_CODE;
        Errors error = index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
        if (error == null) {
            // Most likely a broker newer than this client; the code is all there is to go on.
            log.warn("Unknown error code {}, treated as UNKNOWN_SERVER_ERROR", code);
            return UNKNOWN_SERVER_ERROR;
        }
        return error;
    }

    /**
     * The error code for an exception: that of its class or nearest superclass that has one, so a
     * subclass of a typed exception keeps its parent's code. Unwraps CompletionException and
     * ExecutionException, which is how futures deliver failures. NONE for null (no failure);
     * UNKNOWN_SERVER_ERROR for anything else.
     */
    public static Errors forException(Throwable t) {
        if (t == null) {
            return NONE;
        }
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            Errors error = BY_CLASS.get(c);
            if (error != null) {
                return error;
            }
        }
        return UNKNOWN_SERVER_ERROR;
    }
}
