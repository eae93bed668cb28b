package rxgate.rxrpc.services.fs;

import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;

/** Fileserver error codes the FS client produces or tests for (afs-rpcs.md §5.4). */
public final class FsErrors {
    public static final int VNOVNODE = 102;
    public static final int VNOVOL = 103;
    public static final int VBUSY = 110;
    public static final int VRESTARTING = -100;
    public static final int UAENOENT = AfsErrors.UAE_BASE + 1;
    public static final int UAEEXIST = AfsErrors.UAE_BASE + 16;
    public static final int UAENOTDIR = AfsErrors.UAE_BASE + 19;
    public static final int UAENOTEMPTY = AfsErrors.UAE_BASE + 38;

    private FsErrors() {
    }

    /** The named error for a missing directory entry: UAENOENT, raised locally. */
    public static RxCallException noEntry(AfsFid dir, String name) {
        return new RxCallException(CallCompletion.LOCAL_ERROR, UAENOENT,
                "no entry \"" + name + "\" in directory " + dir);
    }
}
