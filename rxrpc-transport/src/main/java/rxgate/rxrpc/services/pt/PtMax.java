package rxgate.rxrpc.services.pt;

/** ListMax reply: the highest user id and the lowest (most negative) group id allocated. */
public record PtMax(int maxUserId, int maxGroupId) {
}
