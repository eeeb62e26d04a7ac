using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Tui;

/// <summary>Fixed snapshots for the console tests: three users, a handful of processes, one with a hostile name.</summary>
internal static class ConsoleSnapshots
{
    public static readonly DateTimeOffset Time = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A comm with an escape sequence (red text) and a newline, as a process may set for itself.</summary>
    public const string HostileName = "evil\u001b[31mred\nx";

    public static Snapshot Busy(DateTimeOffset? at = null)
    {
        var system = new SystemUsage(57.3, 41.2, 3_300_000_000, 8_000_000_000, 73.5, 1_500_000, 20_000, 1.25, 0.80, 0.50, 93_784, 4)
        {
            DiskUsedBytes = 73_500_000_000,
            DiskTotalBytes = 100_000_000_000,
            ProcsRunning = 3,
        };
        UserUsage[] users =
        [
            new("alice", 1000, 42.5, 10.0, 800_000_000, 3, [101, 102, 103]),
            new("bob", 1001, 12.0, 30.0, 2_400_000_000, 2, [201, 202]),
            new("carol", 1002, 2.5, 1.0, 80_000_000, 1, [301]),
        ];
        ProcessUsage[] processes =
        [
            Process(101, "alice", "python3", 30.0, 5.0, "python3 train.py"),
            Process(102, "alice", "sort", 10.0, 4.0, "sort -u big.txt"),
            Process(103, "alice", "bash", 2.5, 1.0, "-bash"),
            Process(201, "bob", "postgres", 9.0, 20.0, "postgres: writer"),
            Process(202, "bob", HostileName, 3.0, 10.0, "./" + HostileName),
            Process(301, "carol", "vim", 2.5, 1.0, "vim notes.md"),
            Process(1, "root", "systemd", 0.1, 0.2, "/sbin/init"),
        ];
        return new Snapshot(at ?? Time, "testhost", SystemStatus.Medium, system, users, processes) { Interval = TimeSpan.FromSeconds(2) };
    }

    /// <summary>The busy snapshot plus <paramref name="idle"/> sleeping processes of root at 0% CPU, pids 1000 and up.</summary>
    public static Snapshot Crowded(int idle, DateTimeOffset? at = null)
    {
        Snapshot busy = Busy(at);
        return busy with { Processes = [.. busy.Processes, .. Enumerable.Range(1000, idle).Select(pid => Process(pid, "root", "idle" + pid, 0, 0, "sleep 1000"))] };
    }

    private static ProcessUsage Process(int pid, string user, string name, double cpu, double mem, string cmdline) =>
        new(pid, 1, 1000, user, name, 'S', cpu, mem, (long)(mem * 80_000_000), 1, cmdline);
}
