package rxgate.rxrpc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;
import rxgate.rxrpc.services.cb.CallbackService;
import rxgate.rxrpc.services.fs.AfsFetchStatus;
import rxgate.rxrpc.services.fs.AfsFileSystem;
import rxgate.rxrpc.services.fs.AfsStoreStatus;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;
import rxgate.rxrpc.services.fs.FsClient;
import rxgate.rxrpc.services.fs.FsResults;
import rxgate.rxrpc.services.ubik.UbikCaller;
import rxgate.rxrpc.services.vl.VlClient;
import rxgate.rxrpc.services.vl.VlOpcodes;

/**
 * {@code rxgate-cli fs …}: file access through the fileservers of the cell whose VL servers
 * {@code --servers} names. FILE and DIR are a FID {@code VOL.VNODE.UNIQ} or a path
 * {@code VOLUME:/a/b}. Calls are unauthenticated (rxnull): the ACLs must grant system:anyuser.
 * Each run opens its own endpoint and answers the fileserver's callbacks on it.
 */
@Command(name = "fs", description = "File access (FS) through the cell's fileservers.",
        subcommands = {FsCommand.Stat.class, FsCommand.Ls.class, FsCommand.Read.class, FsCommand.Write.class,
            FsCommand.Create.class, FsCommand.Mkdir.class, FsCommand.Rm.class})
final class FsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** A run: one endpoint with the callback service, the VL client and the path resolver. */
    abstract static class FsBase extends CommandBase {
        @Mixin
        ServerOptions server;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        RxEndpoint endpoint;
        AfsFileSystem afs;
        ExecutorService io;

        @Override
        final int run() throws CliFailure {
            if (server.timeoutSeconds <= 0) {
                throw new IllegalArgumentException("--timeout must be at least 1 second");
            }
            RxSecurityClass security = server.security(); // VL and FS calls both use it
            List<InetSocketAddress> servers = resolve(server.servers, VlOpcodes.DEFAULT_PORT);
            Duration timeout = Duration.ofSeconds(server.timeoutSeconds);
            try {
                endpoint = RxEndpoint.builder().deadTime(timeout).build();
            } catch (RuntimeException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, "cannot open an Rx endpoint: " + CliErrors.message(e));
            }
            io = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "rxgate-fs-io");
                t.setDaemon(true);
                return t;
            });
            try {
                CallbackService cb = CallbackService.builder().build().installOn(endpoint);
                RpcCaller vl;
                if (servers.size() == 1) {
                    vl = RpcCaller.of(endpoint.client(servers.get(0), VlOpcodes.SERVICE_ID, security,
                            endpoint.defaultCallOptions()));
                } else {
                    List<RpcCaller> each = new ArrayList<>();
                    for (InetSocketAddress s : servers) {
                        each.add(RpcCaller.of(endpoint.client(s, VlOpcodes.SERVICE_ID, security,
                                endpoint.defaultCallOptions())));
                    }
                    vl = UbikCaller.builder(each).startPolicy(UbikCaller.StartPolicy.IN_ORDER).build();
                }
                afs = new AfsFileSystem(new VlClient(vl), a -> FsClient.connect(endpoint, cb, a, security));
                return runFs();
            } finally {
                if (afs != null) {
                    try {
                        afs.giveUpAllCallBacks().get(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception ignored) {
                        // polite only: the fileserver copes with a client that went away
                    }
                }
                io.shutdownNow();
                endpoint.close();
            }
        }

        abstract int runFs() throws CliFailure;

        AfsFileSystem.Location locate(String spec) throws CliFailure {
            return get(afs.resolve(spec));
        }

        /** Waits without a deadline of its own: the calls time out through Rx (dead/idle time). */
        static <T> T get(CompletableFuture<T> f) throws CliFailure {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(CliErrors.EXIT_RPC, "interrupted");
            } catch (ExecutionException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(e.getCause()));
            }
        }
    }

    static String rights(int r) {
        String letters = "rlidwka";
        int[] bits = {0x01, 0x08, 0x04, 0x10, 0x02, 0x20, 0x40};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bits.length; i++) {
            if ((r & bits[i]) != 0) {
                sb.append(letters.charAt(i));
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** {@code fs stat FILE}: FetchStatus. */
    @Command(name = "stat", description = "Show a file's status (FetchStatus).")
    static final class Stat extends FsBase {
        @Parameters(index = "0", paramLabel = "FILE", description = "FID VOL.VNODE.UNIQ or VOLUME:/path.")
        String file;

        @Override
        int runFs() throws CliFailure {
            AfsFileSystem.Location loc = locate(file);
            AfsFetchStatus s = get(loc.fs().fetchStatus(loc.fid())).status();
            out().println("fid: " + loc.fid());
            out().println("type: " + s.fileTypeName());
            out().println("length: " + s.length());
            out().println("data version: " + s.dataVersion());
            out().println("mode: " + String.format("%04o", s.unixModeBits() & 07777));
            out().println("owner: " + s.owner());
            out().println("group: " + s.group());
            out().println("links: " + s.linkCount());
            out().println("modified: " + Instant.ofEpochSecond(s.clientModTime()));
            out().println("parent: " + loc.fid().volume() + "." + s.parentVnode() + "." + s.parentUnique());
            out().println("caller access: " + rights(s.callerAccess()));
            out().println("anonymous access: " + rights(s.anonymousAccess()));
            out().println("server: " + loc.fs().server().getAddress().getHostAddress() + ":" + loc.fs().server().getPort());
            return 0;
        }
    }

    /** {@code fs ls DIR}: the directory's entries as {@code FID NAME}. */
    @Command(name = "ls", description = "List a directory: one 'FID NAME' line per entry.")
    static final class Ls extends FsBase {
        @Parameters(index = "0", paramLabel = "DIR", description = "FID VOL.VNODE.UNIQ or VOLUME:/path.")
        String dir;

        @Option(names = {"-a", "--all"}, description = "Also show '.' and '..'.")
        boolean all;

        @Override
        int runFs() throws CliFailure {
            AfsFileSystem.Location loc = locate(dir);
            for (FsClient.DirEntry e : get(loc.fs().listDirectory(loc.fid()))) {
                if (!all && (e.name().equals(".") || e.name().equals(".."))) {
                    continue;
                }
                out().println(e.fid() + " " + e.name());
            }
            return 0;
        }
    }

    /** {@code fs read FILE}: the contents to stdout or {@code --output}. */
    @Command(name = "read", description = "Write a file's contents to stdout (or --output), streamed (FetchData64).")
    static final class Read extends FsBase {
        @Parameters(index = "0", paramLabel = "FILE", description = "FID VOL.VNODE.UNIQ or VOLUME:/path.")
        String file;

        @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Write to this file instead of stdout.")
        Path output;

        @Option(names = "--md5", description = "Print 'MD5  FID' on stderr, like afsio.")
        boolean md5;

        @Override
        int runFs() throws CliFailure {
            AfsFileSystem.Location loc = locate(file);
            MessageDigest md = md5 ? newMd5() : null;
            out().flush();
            try (WritableByteChannel ch = output != null
                    ? FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)
                    : Channels.newChannel(new NoCloseOutput(System.out))) {
                DataSink plain = DataSink.of(ch, io);
                DataSink sink = md == null ? plain : chunk -> {
                    md.update(chunk.duplicate());
                    return plain.write(chunk);
                };
                FsResults.FetchDataResult r = get(loc.fs().fetchData64(loc.fid(), 0, Long.MAX_VALUE / 4, sink));
                if (md != null) {
                    err().println(HexFormat.of().formatHex(md.digest()) + "  " + loc.fid());
                    err().flush();
                }
                if (output != null) {
                    out().println(r.bytes() + " bytes written to " + output);
                }
            } catch (IOException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, "cannot write: " + e.getMessage());
            }
            System.out.flush();
            return 0;
        }
    }

    /** {@code fs write FILE}: replaces the contents with stdin or {@code --input}. */
    @Command(name = "write", description = "Replace a file's contents with stdin (or --input), streamed (StoreData64).")
    static final class Write extends FsBase {
        @Parameters(index = "0", paramLabel = "FILE", description = "FID VOL.VNODE.UNIQ or VOLUME:/path.")
        String file;

        @Option(names = {"-i", "--input"}, paramLabel = "PATH", description = "Read this file instead of stdin.")
        Path input;

        @Override
        int runFs() throws CliFailure {
            Path spool = null;
            try {
                Path src = input;
                if (src == null) {
                    // StoreData64 needs the length first: spool stdin to disk (never to memory)
                    spool = Files.createTempFile("rxgate-fs-write", ".spool");
                    try (InputStream in = System.in) {
                        Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
                    }
                    src = spool;
                }
                AfsFileSystem.Location loc = locate(file);
                try (FileChannel ch = FileChannel.open(src, StandardOpenOption.READ)) {
                    long len = ch.size();
                    FsResults.StoreResult r = get(loc.fs().storeData64(loc.fid(),
                            AfsStoreStatus.modTime(System.currentTimeMillis() / 1000), 0, len, len, DataSource.of(ch, io)));
                    out().println(loc.fid() + ": " + r.status().length() + " bytes, data version "
                            + r.status().dataVersion());
                }
            } catch (IOException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, "cannot read input: " + e.getMessage());
            } finally {
                if (spool != null) {
                    try {
                        Files.deleteIfExists(spool);
                    } catch (IOException ignored) {
                        // best effort
                    }
                }
            }
            return 0;
        }
    }

    /** {@code fs create DIR NAME}. */
    @Command(name = "create", description = "Create an empty file NAME in DIR (CreateFile); prints its FID.")
    static final class Create extends FsBase {
        @Parameters(index = "0", paramLabel = "DIR")
        String dir;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Option(names = "--mode", paramLabel = "OCTAL", defaultValue = "644", description = "Mode bits (default 644).")
        String mode;

        @Override
        int runFs() throws CliFailure {
            int m = Integer.parseInt(mode, 8);
            AfsFileSystem.Location loc = locate(dir);
            FsResults.CreateResult r = get(loc.fs().createFile(loc.fid(), name,
                    AfsStoreStatus.modeAndTime(m, System.currentTimeMillis() / 1000)));
            out().println(r.fid());
            return 0;
        }
    }

    /** {@code fs mkdir DIR NAME}. */
    @Command(name = "mkdir", description = "Create a directory NAME in DIR (MakeDir); prints its FID.")
    static final class Mkdir extends FsBase {
        @Parameters(index = "0", paramLabel = "DIR")
        String dir;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Option(names = "--mode", paramLabel = "OCTAL", defaultValue = "755", description = "Mode bits (default 755).")
        String mode;

        @Override
        int runFs() throws CliFailure {
            int m = Integer.parseInt(mode, 8);
            AfsFileSystem.Location loc = locate(dir);
            FsResults.CreateResult r = get(loc.fs().makeDir(loc.fid(), name,
                    AfsStoreStatus.modeAndTime(m, System.currentTimeMillis() / 1000)));
            out().println(r.fid());
            return 0;
        }
    }

    /** {@code fs rm DIR NAME}: RemoveFile, or RemoveDir for a directory. */
    @Command(name = "rm", description = "Remove NAME from DIR (RemoveFile; RemoveDir if NAME is an empty directory).")
    static final class Rm extends FsBase {
        @Parameters(index = "0", paramLabel = "DIR")
        String dir;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        int runFs() throws CliFailure {
            AfsFileSystem.Location loc = locate(dir);
            try {
                loc.fs().removeFile(loc.fid(), name).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(CliErrors.EXIT_RPC, "interrupted");
            } catch (ExecutionException e) {
                RxCallException rx = RpcCalls.rxCause(e);
                boolean isDir = rx != null && (rx.code() == AfsErrors.UAE_BASE + 20 || rx.code() == 21);
                if (!isDir) {
                    throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(e.getCause()));
                }
                get(loc.fs().removeDir(loc.fid(), name));
            }
            return 0;
        }
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** System.out for a channel that must not close it. */
    static final class NoCloseOutput extends OutputStream {
        private final OutputStream out;

        NoCloseOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
