/*
 * What both reference readers share: the pid test, the stat parser (the fields a sampler needs: state, CPU ticks,
 * start time, RSS) and the timing harness around each reader's own pass(). Included at the end of each reader,
 * after its pass() is defined.
 *
 * usage: READER PASSES
 * After one untimed pass, prints "<wall microseconds> <thread CPU microseconds> <processes>" per timed pass, then
 * "rusage <user microseconds> <kernel microseconds>" for all the timed passes together.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char buf[4096];
static unsigned long long sink;

static int is_pid(const char *name)
{
    if (*name == '\0')
        return 0;
    for (; *name; name++)
        if (*name < '0' || *name > '9')
            return 0;
    return 1;
}

/* Fields after the last ')': state is field 3; utime 14, stime 15, starttime 22, rss 24 (proc_pid_stat(5)). */
/* Fields after the last ')': state is field 3; utime 14, stime 15, starttime 22, rss 24 (proc_pid_stat(5)). */

static void parse_stat(const char *text)
{
    const char *p = strrchr(text, ')');
    if (p == NULL)
        return;
    p += 2;
    sink += (unsigned char)*p;
    for (int field = 3; field <= 24 && *p; field++) {
        char *end;
        unsigned long long v = strtoull(p, &end, 10);
        if (field == 14 || field == 15 || field == 22 || field == 24)
            sink += v;
        p = strchr(p, ' ');
        if (p == NULL)
            return;
        p++;
    }
}


static int pass(int proc);

static double micros(const struct timespec *a, const struct timespec *b)
{
    return (b->tv_sec - a->tv_sec) * 1e6 + (b->tv_nsec - a->tv_nsec) / 1e3;
}

static double timeval_micros(const struct timeval *a, const struct timeval *b)
{
    return (b->tv_sec - a->tv_sec) * 1e6 + (b->tv_usec - a->tv_usec);
}

int main(int argc, char **argv)
{
    int passes = argc > 1 ? atoi(argv[1]) : 10;
    int proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (proc < 0) {
        perror("/proc");
        return 1;
    }
    (void)pass(proc);
    struct rusage r0, r1;
    getrusage(RUSAGE_SELF, &r0);
    for (int i = 0; i < passes; i++) {
        struct timespec w0, w1, c0, c1;
        clock_gettime(CLOCK_MONOTONIC, &w0);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        int seen = pass(proc);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        clock_gettime(CLOCK_MONOTONIC, &w1);
        printf("%.1f %.1f %d\n", micros(&w0, &w1), micros(&c0, &c1), seen);
    }
    getrusage(RUSAGE_SELF, &r1);
    printf("rusage %.0f %.0f\n", timeval_micros(&r0.ru_utime, &r1.ru_utime), timeval_micros(&r0.ru_stime, &r1.ru_stime));
    return sink == 42 ? 2 : 0;
}
