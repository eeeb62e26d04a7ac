/*
 * Starts COUNT sleeping processes for the sampler benchmark and ends them again.
 *
 * usage: spawn_sleepers COUNT [UID:GID ...]
 *
 * Child i takes the i-th UID:GID of the list, round robin (when run as root; with no list the children keep the
 * caller's ids), then waits in pause(2). Forked children of this small program cost a few pages each, far less
 * than COUNT sleep(1) processes. When every child has its ids, "ready <pid> <pid> ..." is printed on one line.
 * The children end when standard input reaches end of file (the benchmark closes it, or dies), or on SIGTERM:
 * each child is sent SIGKILL and waited for, then "done N" is printed. A child also dies with this program
 * (PR_SET_PDEATHSIG), so none outlives it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static void child(int ready_fd, pid_t parent, uid_t uid, gid_t gid, int change_ids)
{
    if (change_ids) {
        if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 || setresuid(uid, uid, uid) != 0)
            _exit(3);
        /* Changing ids makes a process non-dumpable, which shows /proc/[pid] as owned by root; a user's own
         * processes are dumpable, so this child is made to look like one. */
        (void)prctl(PR_SET_DUMPABLE, 1);
    }
    /* Set after the id change, which clears it; then check the parent did not end before. */
    (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(4);
    char c = 1;
    if (write(ready_fd, &c, 1) != 1)
        _exit(5);
    close(ready_fd);
    close(STDIN_FILENO);
    for (;;)
        pause();
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: spawn_sleepers COUNT [UID:GID ...]\n");
        return 2;
    }
    int count = atoi(argv[1]);
    int users = argc - 2;
    uid_t *uids = calloc(users > 0 ? users : 1, sizeof *uids);
    gid_t *gids = calloc(users > 0 ? users : 1, sizeof *gids);
    pid_t *pids = calloc(count > 0 ? count : 1, sizeof *pids);
    if (uids == NULL || gids == NULL || pids == NULL)
        return 1;
    for (int u = 0; u < users; u++) {
        unsigned long uid, gid;
        if (sscanf(argv[u + 2], "%lu:%lu", &uid, &gid) != 2) {
            fprintf(stderr, "spawn_sleepers: bad UID:GID %s\n", argv[u + 2]);
            return 2;
        }
        uids[u] = (uid_t)uid;
        gids[u] = (gid_t)gid;
    }

    /* Its own process group, so a Ctrl+C at the terminal reaches the benchmark, which then ends this cleanly. */
    (void)setpgid(0, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    int ready[2];
    if (pipe(ready) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t self = getpid();
    int started = 0;
    for (; started < count && !stop; started++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            break;
        }
        if (pid == 0) {
            close(ready[0]);
            child(ready[1], self, uids[started % (users > 0 ? users : 1)], gids[started % (users > 0 ? users : 1)], users > 0);
        }
        pids[started] = pid;
    }
    close(ready[1]);

    /* One byte per child that took its ids; end of file when every child wrote or died. */
    int confirmed = 0;
    char chunk[4096];
    while (confirmed < started) {
        ssize_t n = read(ready[0], chunk, sizeof chunk);
        if (n > 0)
            confirmed += (int)n;
        else if (n == 0 || errno != EINTR)
            break;
    }
    close(ready[0]);

    if (confirmed == count && !stop) {
        printf("ready");
        for (int i = 0; i < started; i++)
            printf(" %d", (int)pids[i]);
        printf("\n");
        fflush(stdout);
        while (!stop) {
            ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
            if (n == 0 || (n < 0 && errno != EINTR))
                break;
        }
    } else {
        fprintf(stderr, "spawn_sleepers: %d of %d children started\n", confirmed, count);
    }

    for (int i = 0; i < started; i++)
        kill(pids[i], SIGKILL);
    int reaped = 0;
    while (reaped < started) {
        pid_t pid = waitpid(-1, NULL, 0);
        if (pid > 0)
            reaped++;
        else if (errno != EINTR)
            break;
    }
    printf("done %d\n", reaped);
    return confirmed == count ? 0 : 1;
}
