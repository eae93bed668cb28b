package rxgate.rxrpc.services.fs;

/** RXAFS_ opcodes used by {@link FsClient} (openafs src/fsint/afsint.xg; afs-rpcs.md §5.1). */
public final class FsOpcodes {
    public static final int FETCH_STATUS = 132;
    public static final int REMOVE_FILE = 136;
    public static final int CREATE_FILE = 137;
    public static final int MAKE_DIR = 141;
    public static final int REMOVE_DIR = 142;
    public static final int GIVE_UP_CALLBACKS = 147;
    public static final int GET_VOLUME_STATUS = 149;
    public static final int FETCH_DATA64 = 65537;
    public static final int STORE_DATA64 = 65538;
    public static final int GIVE_UP_ALL_CALLBACKS = 65539;
    public static final int GET_CAPABILITIES = 65540;

    /** The fileserver's Rx service id. */
    public static final int SERVICE_ID = 1;
    /** The fileserver's UDP port. */
    public static final int PORT = 7000;
    /** AFSNAMEMAX: longest file name in a request. */
    public static final int AFSNAMEMAX = 256;
    /** Capabilities<> limit. */
    public static final int CAPABILITIES_MAX = 196;

    private FsOpcodes() {
    }
}
