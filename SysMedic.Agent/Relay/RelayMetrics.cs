using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Agent.Relay;

/// <summary>
/// The relay's <c>/metrics</c>: the doctor's newest snapshot in Prometheus base units (ratios 0-1, bytes, seconds),
/// per-user figures labelled <c>user</c>, persistent users, unresolved alerts by severity, and the relay's own state.
/// Per-user CPU seconds and disk bytes, and the kernel's pressure stall totals, are counters: they only grow while
/// the doctor runs, and start again from zero when it restarts (Prometheus's <c>rate()</c> takes that as a reset).
/// </summary>
public static class RelayMetrics
{

    /// <summary>
    /// Writes the exposition. <paramref name="snapshot"/> is null before the doctor sent one; <paramref name="alerts"/>
    /// is null when the doctor could not be asked (the family is then left out rather than reported as zero).
    /// </summary>
    public static string Write(SnapshotMessage? snapshot, bool doctorUp, IReadOnlyList<AlertInfo>? alerts, int clients, DateTimeOffset now)
    {
        var w = new PrometheusWriter();
        w.Gauge("sysmedic_doctor_up", "Whether the relay reaches the doctor (1) or not (0).", doctorUp ? 1 : 0);
        w.Gauge("sysmedic_relay_clients", "Remote clients connected to the relay.", clients);
        if (alerts is not null)
        {
            w.Family("sysmedic_alerts_unresolved", "gauge", "Unresolved alerts, by severity.");
            foreach (AlertSeverity severity in Enum.GetValues<AlertSeverity>())
            {
                w.Sample("sysmedic_alerts_unresolved", alerts.Count(a => a.ResolvedAt is null && a.Severity == severity), ("severity", severity.ToKey()));
            }
        }

        if (snapshot is null)
        {
            return w.ToString();
        }

        var s = snapshot.Snapshot;
        var sys = s.System;
        w.Gauge("sysmedic_snapshot_age_seconds", "Seconds since the newest snapshot was taken.", Math.Max(0, (now - s.Timestamp).TotalSeconds));
        if (snapshot.Storage is { } storage)
        {
            w.Gauge("sysmedic_storage_available", "Whether the doctor can write its history database (1) or not (0: disk full, read-only...).", storage.Available ? 1 : 0);
            w.Gauge("sysmedic_alerts_unstored", "Alerts raised while storage was unavailable, kept in memory until they can be stored.", storage.UnstoredAlerts);
        }

        w.Gauge("sysmedic_cpus", "Logical CPUs.", sys.CpuCount);
        w.Gauge("sysmedic_cpu_usage_ratio", "CPU in use over the last interval, all cores (0-1).", sys.CpuPercent / 100);
        w.Gauge("sysmedic_memory_used_bytes", "Memory in use (MemTotal - MemAvailable).", sys.MemoryUsedBytes);
        w.Gauge("sysmedic_memory_total_bytes", "Memory installed (MemTotal).", sys.MemoryTotalBytes);
        w.Gauge("sysmedic_memory_usage_ratio", "Memory in use (0-1).", sys.MemoryPercent / 100);
        w.Gauge("sysmedic_swap_used_bytes", "Swap in use.", sys.SwapUsedBytes);
        w.Gauge("sysmedic_swap_total_bytes", "Swap size.", sys.SwapTotalBytes);
        w.Gauge("sysmedic_disk_used_bytes", "Bytes used on the monitored file system.", sys.DiskUsedBytes);
        w.Gauge("sysmedic_disk_total_bytes", "Size of the monitored file system.", sys.DiskTotalBytes);
        w.Gauge("sysmedic_disk_usage_ratio", "Share of the monitored file system in use (0-1).", sys.DiskPercent / 100);
        PerInterface(w, s.Interfaces, "sysmedic_network_receive_bytes_total", "Bytes received since boot, by interface (the kernel's counter).", i => i.RxBytes);
        PerInterface(w, s.Interfaces, "sysmedic_network_transmit_bytes_total", "Bytes sent since boot, by interface (the kernel's counter).", i => i.TxBytes);
        w.Gauge("sysmedic_load1", "Load average over 1 minute.", sys.LoadAvg1);
        w.Gauge("sysmedic_load5", "Load average over 5 minutes.", sys.LoadAvg5);
        w.Gauge("sysmedic_load15", "Load average over 15 minutes.", sys.LoadAvg15);
        w.Gauge("sysmedic_uptime_seconds", "Seconds since the host booted.", sys.UptimeSeconds);
        w.Gauge("sysmedic_processes", "Processes on the host.", snapshot.ProcessesTotal ?? s.Processes.Count);
        w.Gauge("sysmedic_processes_running", "Processes running or runnable.", sys.ProcsRunning);
        w.Family("sysmedic_status", "gauge", "The host's status: 1 for the status in force, 0 for the others.");
        foreach (SystemStatus status in Enum.GetValues<SystemStatus>())
        {
            w.Sample("sysmedic_status", s.Status == status ? 1 : 0, ("status", status.ToString().ToLowerInvariant()));
        }

        PerUser(w, s.Users, "sysmedic_user_cpu_usage_ratio", "CPU used by a user's processes, share of the whole machine (0-1).", u => u.CpuPercent / 100);
        PerUser(w, s.Users, "sysmedic_user_memory_usage_ratio", "Memory used by a user's processes, share of RAM (0-1).", u => u.MemoryPercent / 100);
        PerUser(w, s.Users, "sysmedic_user_resident_memory_bytes", "Resident memory of a user's processes.", u => u.RssBytes);
        PerUser(w, s.Users, "sysmedic_user_processes", "Processes of a user.", u => u.ProcessCount);

        if (s.Totals is { } totals)
        {
            PerUserTotal(w, totals.Users, "sysmedic_user_cpu_seconds_total", "CPU core-seconds a user used since the doctor started, processes that ended between samples included.", u => u.CpuSeconds);
            PerUserTotal(w, totals.Users, "sysmedic_user_disk_read_bytes_total", "Bytes a user's processes read from storage since the doctor started (root sees every user's).", u => u.DiskReadBytes);
            PerUserTotal(w, totals.Users, "sysmedic_user_disk_written_bytes_total", "Bytes a user's processes wrote to storage since the doctor started (root sees every user's).", u => u.DiskWriteBytes);
        }

        if (sys.Pressure is { } pressure)
        {
            Pressure(w, pressure, "sysmedic_pressure_waiting_seconds_total", "Seconds since boot some task waited for the resource (pressure stall information, some).", p => p.SomeTotalSeconds);
            Pressure(w, pressure, "sysmedic_pressure_stalled_seconds_total", "Seconds since boot all non-idle tasks stalled on the resource at once (pressure stall information, full).", p => p.FullTotalSeconds);
        }

        var persistent = snapshot.PersistentUsers.Where(p => p.Persistent && p.EndTime is null).ToList();
        w.Gauge("sysmedic_persistent_users", "Users over their threshold for longer than the persistent time.", persistent.Select(p => p.Username).Distinct(StringComparer.Ordinal).Count());
        w.Family("sysmedic_persistent_user_start_time_seconds", "gauge", "When a persistent user went over their threshold, by user and metric (Unix time).");
        foreach (var p in persistent)
        {
            w.Sample("sysmedic_persistent_user_start_time_seconds", p.StartTime.ToUnixTimeMilliseconds() / 1000.0, ("user", p.Username), ("metric", p.Metric));
        }

        return w.ToString();
    }

    private static void PerUser(PrometheusWriter w, IReadOnlyList<UserUsage> users, string name, string help, Func<UserUsage, double> value)
    {
        w.Family(name, "gauge", help);
        foreach (UserUsage u in users)
        {
            w.Sample(name, value(u), ("user", u.Username));
        }
    }

    private static void PerUserTotal(PrometheusWriter w, IReadOnlyList<UserTotal> users, string name, string help, Func<UserTotal, double> value)
    {
        // Totals are kept by uid; two uids shown under one name (a passwd entry renamed) make one series.
        w.Family(name, "counter", help);
        foreach (var user in users.GroupBy(u => u.Username, StringComparer.Ordinal))
        {
            w.Sample(name, user.Sum(value), ("user", user.Key));
        }
    }

    private static void Pressure(PrometheusWriter w, ResourcePressure pressure, string name, string help, Func<PressureUsage, double> value)
    {
        w.Family(name, "counter", help);
        foreach ((string resource, PressureUsage? p) in new[] { ("cpu", pressure.Cpu), ("memory", pressure.Memory), ("io", pressure.Io) })
        {
            if (p is not null)
            {
                w.Sample(name, value(p), ("resource", resource));
            }
        }
    }

    private static void PerInterface(PrometheusWriter w, IReadOnlyList<InterfaceUsage> interfaces, string name, string help, Func<InterfaceUsage, ulong?> value)
    {
        // An older doctor sends rates only: its interfaces are left out rather than counted from zero.
        w.Family(name, "counter", help);
        foreach (InterfaceUsage i in interfaces)
        {
            if (value(i) is { } bytes)
            {
                w.Sample(name, bytes, ("interface", i.Name));
            }
        }
    }
}
