#!/usr/bin/env python3
"""Hold packets from an NFQUEUE for DELAY±JITTER ms, then accept them (stdlib only: raw netlink).

Used by bench/fs.sh: nft rules `queue num Q` send the bench's UDP to this process; each packet
gets its verdict (NF_ACCEPT) after its own random delay, so jitter reorders packets.
Exits after --limit seconds. Copy mode META: the payload is never copied to user space.
"""
import argparse, heapq, random, select, socket, struct, sys, time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS, NFQA_CFG_QUEUE_MAXLEN = 1, 2, 3
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NF_ACCEPT = 1
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2


def attr(t, payload):
    a = struct.pack("=HH", 4 + len(payload), t) + payload
    return a + b"\0" * ((4 - len(a) % 4) % 4)


def msg(mtype, queue, attrs, flags=NLM_F_REQUEST, seq=0):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | mtype, flags, seq, 0) + body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queue", type=int, default=7)
    ap.add_argument("--delay-ms", type=float, default=5.0)
    ap.add_argument("--jitter-ms", type=float, default=0.0)
    ap.add_argument("--limit", type=float, default=600.0)
    a = ap.parse_args()
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.bind((0, 0))
    cfg = [
        msg(NFQNL_MSG_CONFIG, a.queue, [attr(NFQA_CFG_CMD, struct.pack("=BBH", NFQNL_CFG_CMD_BIND, 0, 0))], NLM_F_REQUEST | NLM_F_ACK, 1),
        msg(NFQNL_MSG_CONFIG, a.queue, [attr(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META) + b"\0\0\0")], NLM_F_REQUEST | NLM_F_ACK, 2),
        msg(NFQNL_MSG_CONFIG, a.queue, [attr(NFQA_CFG_QUEUE_MAXLEN, struct.pack("!I", 8192))], NLM_F_REQUEST | NLM_F_ACK, 3),
    ]
    for m in cfg:
        s.send(m)
        r = s.recv(65536)
        ln, ty = struct.unpack_from("=IH", r)
        if ty == NLMSG_ERROR:
            err = struct.unpack_from("=i", r, 16)[0]
            if err != 0:
                print(f"nfq config error {err}", file=sys.stderr)
                return 1
    print(f"nfq_delay: queue {a.queue} delay {a.delay_ms}±{a.jitter_ms} ms", flush=True)
    held = []  # (release_time, seq, packet_id)
    seq = 0
    n = 0
    end = time.monotonic() + a.limit
    while time.monotonic() < end:
        now = time.monotonic()
        out = []
        while held and held[0][0] <= now:
            _, _, pid = heapq.heappop(held)
            out.append(msg(NFQNL_MSG_VERDICT, a.queue, [attr(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, pid))]))
        for m in out:
            s.send(m)
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else 0.5
        rd, _, _ = select.select([s], [], [], timeout)
        if not rd:
            continue
        while True:
            try:
                data = s.recv(262144, socket.MSG_DONTWAIT)
            except BlockingIOError:
                break
            except OSError as e:  # ENOBUFS: the kernel dropped queue messages; keep going
                print(f"recv: {e}", file=sys.stderr)
                break
            off = 0
            t = time.monotonic()
            while off + 16 <= len(data):
                ln, ty = struct.unpack_from("=IH", data, off)
                if ln < 16:
                    break
                if ty == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                    p = off + 20
                    while p + 4 <= off + ln:
                        alen, atype = struct.unpack_from("=HH", data, p)
                        if alen < 4:
                            break
                        if (atype & 0x7FFF) == NFQA_PACKET_HDR:
                            pid = struct.unpack_from("!I", data, p + 4)[0]
                            d = a.delay_ms + (random.uniform(-a.jitter_ms, a.jitter_ms) if a.jitter_ms else 0.0)
                            seq += 1
                            n += 1
                            heapq.heappush(held, (t + max(0.0, d) / 1000.0, seq, pid))
                        p += (alen + 3) & ~3
                off += (ln + 3) & ~3
    # release whatever is still held
    for _, _, pid in held:
        s.send(msg(NFQNL_MSG_VERDICT, a.queue, [attr(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, pid))]))
    print(f"nfq_delay: {n} packets", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
