/**
 * {@code rxgate-cli} (picocli): {@code vl}, {@code pt}, {@code rxdebug} and {@code perf} (rxperf) commands whose output
 * mimics OpenAFS {@code vos listvldb -noresolve}, {@code pts} and {@code rxdebug}. Each command
 * run opens one {@link rxgate.rxrpc.RxEndpoint} on an ephemeral port ({@link rxgate.rxrpc.cli.EndpointBackend})
 * and closes it. Exit codes: 0 success, 1 failed call, 2 usage error.
 */
package rxgate.rxrpc.cli;
