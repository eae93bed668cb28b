package rxgate.rxrpc.cli;

public final class RxgateCli {
    public static void main(String[] args) {
    }
}
