using System.Globalization;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Formatting;

/// <summary>The human-readable form of a <see cref="Snapshot"/>: a header, the users table and the busiest processes.</summary>
public static class ReportText
{
    /// <summary>
    /// Writes <paramref name="snapshot"/>, with at most <paramref name="maxProcesses"/> processes, busiest first.
    /// <paramref name="processCount"/>, when given, says the snapshot holds only the processes recorded of that many.
    /// </summary>
    public static void Write(TextWriter w, Snapshot snapshot, int maxProcesses = 25, int? processCount = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(snapshot);
        SystemUsage s = snapshot.System;
        w.WriteLine(Inv($"{snapshot.Hostname}  {snapshot.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC  status: {snapshot.Status.ToDisplay()}  (over {snapshot.Interval.TotalSeconds:0.0#} s)"));
        w.WriteLine(Inv($"CPU    {Units.Percent(s.CpuPercent),7} of {s.CpuCount} CPUs    load {s.LoadAvg1:0.00} {s.LoadAvg5:0.00} {s.LoadAvg15:0.00}    up {Units.Duration(TimeSpan.FromSeconds(s.UptimeSeconds))}"));
        w.WriteLine(Inv($"Memory {Units.Percent(s.MemoryPercent),7}  {Units.Bytes(s.MemoryUsedBytes)} used of {Units.Bytes(s.MemoryTotalBytes)}    swap {Units.Bytes(s.SwapUsedBytes)} of {Units.Bytes(s.SwapTotalBytes)}"));
        w.WriteLine(Inv($"Disk   {Units.Percent(s.DiskPercent),7}  {Units.Bytes(s.DiskUsedBytes)} used of {Units.Bytes(s.DiskTotalBytes)}"));
        w.WriteLine(Inv($"Net    rx {Units.Rate(s.NetworkRxBytesPerSec)}  tx {Units.Rate(s.NetworkTxBytesPerSec)}  (loopback not counted)"));
        if (s.Pressure is { } pressure)
        {
            w.WriteLine(Inv($"Stall  {PressureText.Line(pressure)}"));
        }

        w.WriteLine();

        w.WriteLine(Inv($"USERS ({snapshot.Users.Count} shown; the user_filtering rules apply)"));
        w.WriteLine("USER              UID    CPU%    MEM%        RSS  PROCS   DISK READ  DISK WRITE");
        foreach (UserUsage u in snapshot.Users)
        {
            string name = Cut(SafeText.ForTerminal(u.Username), 13) + (u.CpuFromSlice ? "*" : "");
            w.WriteLine(Inv($"{name,-14} {u.Uid,7} {u.CpuPercent,7:0.0} {u.MemoryPercent,7:0.0} {Units.Bytes(u.RssBytes),10} {u.ProcessCount,6} {Rate(u.DiskReadBytesPerSec),11} {Rate(u.DiskWriteBytesPerSec),11}"));
        }

        if (snapshot.Users.Any(u => u.CpuFromSlice))
        {
            w.WriteLine("* CPU from the user's systemd slice");
        }

        w.WriteLine();
        var busiest = snapshot.Processes
            .OrderByDescending(p => p.CpuPercent)
            .ThenByDescending(p => p.RssBytes)
            .Take(maxProcesses)
            .ToList();
        w.WriteLine(processCount is { } total
            ? Inv($"PROCESSES ({busiest.Count} of the {snapshot.Processes.Count} recorded, of {total} running; CPU and memory over the check; state X: ended during it)")
            : Inv($"PROCESSES ({busiest.Count} busiest of {snapshot.Processes.Count}; --json lists all)"));
        w.WriteLine("    PID USER         S  CPU%  MEM%        RSS  THR NAME             COMMAND");
        foreach (ProcessUsage p in busiest)
        {
            string name = Cut(ProcessText.Name(p.Name), 16);
            string command = Cut(ProcessText.Command(p.Cmdline, p.Name), 60);
            w.WriteLine(Inv($"{p.Pid,7} {Cut(SafeText.ForTerminal(p.User), 12),-12} {p.State} {p.CpuPercent,5:0.0} {p.MemoryPercent,5:0.0} {Units.Bytes(p.RssBytes),10} {p.Threads,4} {name,-16} {command}"));
        }
    }

    private static string Rate(double? bytesPerSecond) => bytesPerSecond is { } r ? Units.Rate(r) : "-";

    private static string Cut(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
