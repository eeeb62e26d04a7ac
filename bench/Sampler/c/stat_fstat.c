/*
 * Reference reader: one pass reads only /proc/[pid]/stat of every process and takes the owner from fstat(2) of the
 * open file (the owner of /proc/[pid] is the process's effective uid, root for non-dumpable processes). This is the
 * floor a sampler that reads status once per process life can reach: four syscalls per process (openat, read,
 * fstat, close) plus the directory listing. It parses the same stat fields as stat_status.
 *
 * usage: stat_fstat PASSES (output: see reader.h)
 */
#include "reader.h"

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
        int fd = openat(proc, path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        struct stat st;
        int owned = n > 0 && fstat(fd, &st) == 0;
        close(fd);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        parse_stat(buf);
        if (owned)
            sink += st.st_uid;
        seen++;
    }
    closedir(dir);
    return seen;
}
