/*
 * afsbench: small-call benchmark with OpenAFS's own C client libraries.
 *
 * Makes VL_GetEntryByNameN (vlserver, port 7003, service 52) or PR_NameToID
 * (ptserver, port 7002, service 73) calls over rxnull connections, using the
 * rxgen client stubs from libvldb.a / libprot.a and the pthreaded rx of
 * libafsrpc. C threads each make one call at a time, so C calls are in flight
 * at all times; threads share ceil(C/4) connections (an rx connection has 4
 * call channels), thread t using connection t/4.
 *
 * Prints one line:
 *   openafs-c <rpc> conc=<C> calls=<N> secs=<s> rate=<calls/s> p50_us=<> p99_us=<> errors=<n>
 * and exits non-zero if any call failed, any answer differed from the first
 * one, or the time limit was reached before all N calls were made.
 *
 * Usage: afsbench --server 10.77.0.1 --rpc vl|pt --name NAME --calls N
 *                 --concurrency C --warmup W --duration-limit SECONDS [--stats]
 *
 * --stats adds a line on stderr: CPU time and context switches of the process
 * (all threads, getrusage) per measured call.
 *
 * Built by bench/small-calls.sh; see bench/README.md.
 */
#include <afs/param.h>
#include <afs/stds.h>

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <rx/rx.h>
#include <rx/rx_null.h>
#include <rx/xdr.h>
#include <afs/vldbint.h>
#include <afs/ptint.h>

#define VL_PORT 7003
#define VL_SERVICE 52
#define PT_PORT 7002
#define PT_SERVICE 73
#define PT_ANONYMOUSID 32766
#define MAX_CONC 256

enum rpc_kind { RPC_VL, RPC_PT };

static enum rpc_kind rpc;
static const char *rpc_name;
static const char *name;
static struct rx_connection *conns[(MAX_CONC + 3) / 4];

/* Expected answer, from the first call. */
static char expected_vl_name[VL_MAXNAMELEN];
static afs_int32 expected_pt_id;

/* Work distribution for one phase. */
static atomic_long next_call;
static atomic_long calls_done;
static atomic_long errors;
static atomic_int stop;
static long phase_calls;
static double phase_deadline;
static double *latency_us; /* NULL in the warm-up phase */
static long first_error_code;

static double now_secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void note_error(long code, const char *what)
{
    if (atomic_fetch_add(&errors, 1) == 0) {
        first_error_code = code;
        fprintf(stderr, "afsbench: first error: %s (code %ld)\n", what, code);
    }
}

/* One call; returns 0 if it succeeded and the answer was the expected one. */
static int one_call(struct rx_connection *conn, int learn)
{
    if (rpc == RPC_VL) {
        nvldbentry entry;
        int code;
        memset(&entry, 0, sizeof(entry));
        code = VL_GetEntryByNameN(conn, name, &entry);
        if (code != 0) {
            note_error(code, "VL_GetEntryByNameN failed");
            return -1;
        }
        entry.name[VL_MAXNAMELEN - 1] = '\0';
        if (learn) {
            if (strcmp(entry.name, name) != 0) {
                note_error(0, "VL entry name differs from the name asked for");
                return -1;
            }
            strcpy(expected_vl_name, entry.name);
        } else if (strcmp(entry.name, expected_vl_name) != 0) {
            note_error(0, "VL entry name differs from the first answer");
            return -1;
        }
        return 0;
    } else {
        prname one;
        namelist nl;
        idlist il;
        int code, ok = 0;
        memset(one, 0, sizeof(one));
        strncpy(one, name, PR_MAXNAMELEN - 1);
        nl.namelist_len = 1;
        nl.namelist_val = &one;
        il.idlist_len = 0;
        il.idlist_val = NULL;
        code = PR_NameToID(conn, &nl, &il);
        if (code != 0) {
            note_error(code, "PR_NameToID failed");
            ok = -1;
        } else if (il.idlist_len != 1) {
            note_error(0, "PR_NameToID returned a list of the wrong length");
            ok = -1;
        } else if (learn) {
            if (il.idlist_val[0] == PT_ANONYMOUSID) {
                note_error(0, "PR_NameToID: name unknown (anonymous id)");
                ok = -1;
            } else {
                expected_pt_id = il.idlist_val[0];
            }
        } else if (il.idlist_val[0] != expected_pt_id) {
            note_error(0, "PR_NameToID id differs from the first answer");
            ok = -1;
        }
        if (il.idlist_val != NULL) {
            xdr_free((xdrproc_t) xdr_idlist, &il);
        }
        return ok;
    }
}

static void *worker(void *arg)
{
    long t = (long) arg;
    struct rx_connection *conn = conns[t / 4];
    for (;;) {
        long i;
        double t0, t1;
        if (atomic_load(&stop)) {
            break;
        }
        i = atomic_fetch_add(&next_call, 1);
        if (i >= phase_calls) {
            break;
        }
        t0 = now_secs();
        if (t0 > phase_deadline) {
            atomic_store(&stop, 1);
            break;
        }
        if (one_call(conn, 0) != 0) {
            atomic_store(&stop, 1);
            break;
        }
        t1 = now_secs();
        if (latency_us != NULL) {
            latency_us[i] = (t1 - t0) * 1e6;
        }
        atomic_fetch_add(&calls_done, 1);
    }
    return NULL;
}

/* Runs `calls` calls on `conc` threads; returns the number of successful calls. */
static long run_phase(long calls, int conc, double deadline, double *lat)
{
    pthread_t th[MAX_CONC];
    long t;
    atomic_store(&next_call, 0);
    atomic_store(&calls_done, 0);
    phase_calls = calls;
    phase_deadline = deadline;
    latency_us = lat;
    for (t = 0; t < conc; t++) {
        if (pthread_create(&th[t], NULL, worker, (void *) t) != 0) {
            fprintf(stderr, "afsbench: pthread_create failed\n");
            exit(2);
        }
    }
    for (t = 0; t < conc; t++) {
        pthread_join(th[t], NULL);
    }
    return atomic_load(&calls_done);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y ? 1 : 0;
}

static double percentile(double *sorted, long n, double p)
{
    long k;
    if (n <= 0) {
        return 0;
    }
    k = (long) (p * n + 0.999999) - 1; /* nearest rank */
    if (k < 0) {
        k = 0;
    }
    if (k >= n) {
        k = n - 1;
    }
    return sorted[k];
}

static void on_alarm(int sig)
{
    static const char msg[] = "afsbench: hard time limit reached (a call hangs?)\n";
    (void) sig;
    (void) write(2, msg, sizeof(msg) - 1);
    _exit(3);
}

static void usage(void)
{
    fprintf(stderr,
            "usage: afsbench --server IPV4 --rpc vl|pt --name NAME [--calls N] [--concurrency C]\n"
            "                [--warmup W] [--duration-limit SECONDS] [--stats]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *server = NULL, *rpcarg = NULL;
    long calls = 20000, warmup = 1000;
    int conc = 1, i, nconns, port, service, stats = 0;
    struct rusage ru0, ru1;
    double limit = 60, start, secs, deadline;
    struct in_addr addr;
    struct rx_securityClass *sc;
    double *lat;
    long made;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--stats") == 0) {
            stats = 1;
            continue;
        }
        if (v == NULL) {
            usage();
        }
        if (strcmp(a, "--server") == 0) {
            server = v;
        } else if (strcmp(a, "--rpc") == 0) {
            rpcarg = v;
        } else if (strcmp(a, "--name") == 0) {
            name = v;
        } else if (strcmp(a, "--calls") == 0) {
            calls = atol(v);
        } else if (strcmp(a, "--concurrency") == 0) {
            conc = atoi(v);
        } else if (strcmp(a, "--warmup") == 0) {
            warmup = atol(v);
        } else if (strcmp(a, "--duration-limit") == 0) {
            limit = atof(v);
        } else {
            usage();
        }
        i++;
    }
    if (server == NULL || rpcarg == NULL || name == NULL || calls < 1 || warmup < 0
        || conc < 1 || conc > MAX_CONC || limit <= 0) {
        usage();
    }
    if (strcmp(rpcarg, "vl") == 0) {
        rpc = RPC_VL;
        port = VL_PORT;
        service = VL_SERVICE;
    } else if (strcmp(rpcarg, "pt") == 0) {
        rpc = RPC_PT;
        port = PT_PORT;
        service = PT_SERVICE;
    } else {
        usage();
    }
    rpc_name = rpcarg;
    if (inet_pton(AF_INET, server, &addr) != 1) {
        fprintf(stderr, "afsbench: --server must be an IPv4 address: %s\n", server);
        return 2;
    }
    if (strlen(name) >= (rpc == RPC_VL ? VL_MAXNAMELEN : PR_MAXNAMELEN)) {
        fprintf(stderr, "afsbench: name too long\n");
        return 2;
    }

    /* Whatever happens, the process ends a little after the time limit. */
    signal(SIGALRM, on_alarm);
    alarm((unsigned) limit + 15);

    if (rx_Init(0) != 0) {
        fprintf(stderr, "afsbench: rx_Init failed\n");
        return 2;
    }
    sc = rxnull_NewClientSecurityObject();
    nconns = (conc + 3) / 4;
    for (i = 0; i < nconns; i++) {
        conns[i] = rx_NewConnection(addr.s_addr, htons(port), service, sc, 0);
        if (conns[i] == NULL) {
            fprintf(stderr, "afsbench: rx_NewConnection failed\n");
            return 2;
        }
    }

    start = now_secs();
    deadline = start + limit; /* for the warm-up and the measured calls together */
    /* The first call sets the expected answer. */
    if (one_call(conns[0], 1) != 0) {
        printf("openafs-c %s conc=%d calls=0 secs=0.000 rate=0 p50_us=0 p99_us=0 errors=%ld\n",
               rpc_name, conc, atomic_load(&errors));
        return 1;
    }
    if (warmup > 0) {
        run_phase(warmup, conc, deadline, NULL);
    }

    lat = calloc(calls, sizeof(double));
    if (lat == NULL) {
        fprintf(stderr, "afsbench: out of memory\n");
        return 2;
    }
    getrusage(RUSAGE_SELF, &ru0);
    start = now_secs();
    made = run_phase(calls, conc, deadline, lat);
    secs = now_secs() - start;
    getrusage(RUSAGE_SELF, &ru1);
    if (atomic_load(&errors) == 0 && made < calls) {
        fprintf(stderr, "afsbench: time limit of %.0f s reached after %ld of %ld calls\n",
                limit, made, calls);
    }
    /* Successful calls have a latency > 0; skipped or failed slots stay 0. */
    {
        long j, k = 0;
        for (j = 0; j < calls; j++) {
            if (lat[j] > 0) {
                lat[k++] = lat[j];
            }
        }
        made = k;
    }
    qsort(lat, made, sizeof(double), cmp_double);
    printf("openafs-c %s conc=%d calls=%ld secs=%.3f rate=%.0f p50_us=%.0f p99_us=%.0f errors=%ld\n",
           rpc_name, conc, made, secs, made / secs, percentile(lat, made, 0.50),
           percentile(lat, made, 0.99), atomic_load(&errors));
    fflush(stdout);
    if (stats) {
        double n = made > 0 ? made : 1;
        double cpu = (ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) * 1e6 + (ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec)
                   + (ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) * 1e6 + (ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec);
        long csw = (ru1.ru_nvcsw - ru0.ru_nvcsw) + (ru1.ru_nivcsw - ru0.ru_nivcsw);
        fprintf(stderr, "openafs-c-stats %s conc=%d calls=%ld cpu_us/call=%.1f ctxsw/call=%.2f\n",
                rpc_name, conc, made, cpu / n, csw / n);
    }
    free(lat);
    for (i = 0; i < nconns; i++) {
        rx_DestroyConnection(conns[i]);
    }
    rx_Finalize();
    return (atomic_load(&errors) != 0 || made < calls) ? 1 : 0;
}
