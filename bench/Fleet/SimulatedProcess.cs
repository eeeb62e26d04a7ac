namespace SysMedic.Bench.Fleet;

/// <summary>
/// One process of a simulated host, fixed for the run: its owner (an index into the host's users, -1 for root), its
/// share of the owner's CPU and memory, and what a snapshot says of it besides.
/// </summary>
public sealed record SimulatedProcess(int Pid, int Ppid, int Owner, string Name, string Cmdline, double CpuWeight, double MemoryWeight, int Threads, int Nice, string Cgroup)
{
    private static readonly string[] Programs =
    [
        "python3", "java", "node", "postgres", "nginx", "gcc", "make", "bash", "vim", "R", "julia", "ffmpeg", "rsync",
        "ssh", "tmux", "cargo", "rustc", "dotnet", "redis-server", "matlab",
    ];

    private static readonly string[] Arguments =
    [
        "/home/{0}/projects/pipeline/train.py --epochs 40 --batch-size 256 --data /data/{0}/shards",
        "-Xmx8g -jar /opt/{0}/service/target/service-2.4.1.jar --spring.profiles.active=prod",
        "/home/{0}/src/web/server.js --port 3000 --workers 4",
        "-D /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf",
        "-O2 -g -c src/{0}/kernel/solver.c -o build/solver.o -Iinclude -DNDEBUG",
        "-j8 -C /home/{0}/build all",
        "-lc 'while sleep 30; do rsync -a /data/{0}/ backup:/srv/{0}/; done'",
        "--slave /home/{0}/analysis/report.R --args 2026-11 --out /tmp/{0}-report.pdf",
        "-i /data/{0}/video/input-0042.mkv -c:v libx264 -preset slow -crf 20 /data/{0}/out.mp4",
        "", "", "", "", "", "", "", "", "", "-l", "-l", "--user", "worker.py", "worker.py", "-c config.yaml", "--port 8080",
    ];

    /// <summary>
    /// <paramref name="count"/> processes for a host whose users are <paramref name="usernames"/>: about a fifth
    /// root's daemons, the rest spread over the users, the busiest users owning more.
    /// </summary>
    public static IReadOnlyList<SimulatedProcess> For(IReadOnlyList<string> usernames, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(usernames);
        ArgumentNullException.ThrowIfNull(random);
        var processes = new List<SimulatedProcess>(count);
        int pid = 900 + random.Next(400);
        for (int i = 0; i < count; i++)
        {
            pid += 1 + random.Next(60);
            int owner = i % 5 == 0 ? -1 : Math.Min(usernames.Count - 1, (int)(-Math.Log(1 - random.NextDouble()) * 1.6));
            string user = owner < 0 ? "root" : usernames[owner];
            string program = owner < 0 ? RootProgram(i) : Programs[random.Next(Programs.Length)];
            string cmdline = owner < 0
                ? $"/usr/sbin/{program}"
                : $"{program} {string.Format(System.Globalization.CultureInfo.InvariantCulture, Arguments[random.Next(Arguments.Length)], user)}".TrimEnd();
            string cgroup = owner < 0 ? $"/system.slice/{program}.service" : $"/user.slice/user-{1000 + owner}.slice";
            processes.Add(new SimulatedProcess(
                pid, owner < 0 ? 1 : pid - 1 - random.Next(5), owner, program, cmdline,
                Math.Pow(random.NextDouble(), 3), random.NextDouble(), 1 + random.Next(owner < 0 ? 4 : 32), random.Next(4) == 0 ? 10 : 0, cgroup));
        }

        return processes;
    }

    private static string RootProgram(int i) =>
        (i / 5 % 8) switch
        {
            0 => "systemd-journald",
            1 => "sshd",
            2 => "cron",
            3 => "rsyslogd",
            4 => "containerd",
            5 => "chronyd",
            6 => "sysmedic",
            _ => "dbus-daemon",
        };
}
