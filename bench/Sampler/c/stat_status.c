/*
 * Reference reader: one pass reads /proc/[pid]/stat and /proc/[pid]/status of every process, the way a sampler
 * that takes the owner from status on every pass does. It parses what a sampler needs (state, CPU ticks, start
 * time, RSS from stat; the effective uid from status) so the parsing cost is counted, but no more.
 *
 * usage: stat_status PASSES (output: see reader.h)
 */
#include "reader.h"

static char status_buf[8192];


static ssize_t read_at(int dir, const char *path, char *dst, size_t size)
{
    int fd = openat(dir, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, dst, size - 1);
    close(fd);
    if (n >= 0)
        dst[n] = '\0';
    return n;
}

static void parse_status(const char *text)
{
    const char *uid = strstr(text, "\nUid:");
    if (uid == NULL)
        return;
    char *end;
    (void)strtoul(uid + 5, &end, 10);
    sink += strtoul(end, NULL, 10);
}

static int pass(int proc)
{
    int seen = 0;
    char path[300];
    DIR *dir = opendir("/proc");
    if (dir == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (!is_pid(e->d_name))
            continue;
        snprintf(path, sizeof path, "%s/stat", e->d_name);
        if (read_at(proc, path, buf, sizeof buf) <= 0)
            continue;
        parse_stat(buf);
        snprintf(path, sizeof path, "%s/status", e->d_name);
        if (read_at(proc, path, status_buf, sizeof status_buf) > 0)
            parse_status(status_buf);
        seen++;
    }
    closedir(dir);
    return seen;
}
