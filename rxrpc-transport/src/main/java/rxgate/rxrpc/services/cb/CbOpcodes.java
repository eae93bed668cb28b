package rxgate.rxrpc.services.cb;

/** RXAFSCB_ opcodes (openafs src/fsint/afscbint.xg; afs-rpcs.md §5.7). */
public final class CbOpcodes {
    public static final int CALLBACK = 204;
    public static final int INIT_CALLBACK_STATE = 205;
    public static final int PROBE = 206;
    public static final int GET_LOCK = 207;
    public static final int GET_CE = 208;
    public static final int XSTATS_VERSION = 209;
    public static final int GET_XSTATS = 210;
    public static final int INIT_CALLBACK_STATE2 = 211;
    public static final int WHO_ARE_YOU = 212;
    public static final int INIT_CALLBACK_STATE3 = 213;
    public static final int PROBE_UUID = 214;
    public static final int GET_SERVER_PREFS = 215;
    public static final int GET_CELL_SERV_DB = 216;
    public static final int GET_LOCAL_CELL = 217;
    public static final int GET_CACHE_CONFIG = 218;
    public static final int GET_CE64 = 65536;
    public static final int GET_CELL_BY_NUM = 65537;
    public static final int TELL_ME_ABOUT_YOURSELF = 65538;

    /** The cache manager's Rx service id. */
    public static final int SERVICE_ID = 1;
    /** AFSCBMAX: most FIDs / callbacks in one CallBack. */
    public static final int AFSCBMAX = 50;
    /** AFS_MAX_INTERFACE_ADDR: slots in interfaceAddr. */
    public static final int MAX_INTERFACE_ADDR = 32;
    /** Capabilities<> limit (AFSCAPABILITIESMAX). */
    public static final int CAPABILITIES_MAX = 196;
    /** CLIENT_CAPABILITY_ERRORTRANS: the fileserver sends uae codes instead of raw errno. */
    public static final int CLIENT_CAPABILITY_ERRORTRANS = 0x1;

    private CbOpcodes() {
    }

    /** The RPC's name, or "opcode N". */
    public static String name(int opcode) {
        return switch (opcode) {
            case CALLBACK -> "CallBack";
            case INIT_CALLBACK_STATE -> "InitCallBackState";
            case PROBE -> "Probe";
            case GET_LOCK -> "GetLock";
            case GET_CE -> "GetCE";
            case XSTATS_VERSION -> "XStatsVersion";
            case GET_XSTATS -> "GetXStats";
            case INIT_CALLBACK_STATE2 -> "InitCallBackState2";
            case WHO_ARE_YOU -> "WhoAreYou";
            case INIT_CALLBACK_STATE3 -> "InitCallBackState3";
            case PROBE_UUID -> "ProbeUuid";
            case GET_SERVER_PREFS -> "GetServerPrefs";
            case GET_CELL_SERV_DB -> "GetCellServDB";
            case GET_LOCAL_CELL -> "GetLocalCell";
            case GET_CACHE_CONFIG -> "GetCacheConfig";
            case GET_CE64 -> "GetCE64";
            case GET_CELL_BY_NUM -> "GetCellByNum";
            case TELL_ME_ABOUT_YOURSELF -> "TellMeAboutYourself";
            default -> "opcode " + opcode;
        };
    }
}
