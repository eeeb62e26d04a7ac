using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;
using SysMedic.Core.Storage;

namespace SysMedic.Bench.Storage;

/// <summary>
/// What recording processes costs: <see cref="SyntheticHost"/> sampled twice a minute, checked every minute through the
/// agent's own code (<see cref="ProcessWindow"/> chooses, <see cref="MomentStore.Record"/> stores, with the check's
/// system and user rows), for a number of days; then the bytes a day of it takes (the file beside a second one that
/// gets the same checks without the moments: this SQLite has no dbstat) and the time to read a moment back.
/// </summary>
internal static class MomentBench
{
    public static void Run(string directory, int days)
    {
        string path = Path.Combine(directory, "moments.db");
        string baselinePath = Path.Combine(directory, "baseline.db");
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var host = new SyntheticHost(start);
        var processes = new ProcessWindow();
        var window = new CheckWindow();
        var thresholds = Thresholds.Default;
        long rows = 0;
        long dayBytes = 0;
        long build = Stopwatch.GetTimestamp();
        using (var db = SysMedicDatabase.Open(path, TimeProvider.System, NullLogger.Instance))
        using (var baseline = SysMedicDatabase.Open(baselinePath, TimeProvider.System, NullLogger.Instance))
        {
            for (int check = 0; check < days * 1440; check++)
            {
                for (int s = 0; s < 2; s++)
                {
                    Snapshot snapshot = host.Next();
                    window.Add(snapshot);
                    processes.Add(snapshot);
                }

                WindowSummary summary = window.Close(UserFilter.None)!;
                IReadOnlyList<RecordedProcess> recorded = processes.Close(summary, 20, user => user == SyntheticHost.Watched);
                rows += recorded.Count;
                SystemUsage last = summary.Last.System;
                var systemRow = new SystemMetricsRow(summary.End, summary.System.CpuPercent.Average, summary.System.CpuPercent.Peak, 55, 55, 60, 1_000_000, 200_000, 9, 8, 7);
                List<UserMetricsRow> userRows = [.. summary.Users.Select(u => new UserMetricsRow(u.Username, u.CpuPercent.Average, u.CpuPercent.Peak, u.MemoryPercent.Average, u.MemoryPercent.Peak, u.RssBytes, u.ProcessCount, u.Pids))];
                db.Metrics.WriteCheck(systemRow, userRows);
                baseline.Metrics.WriteCheck(systemRow, userRows);
                db.Moments.Record(new MomentHeader(summary.End, summary.End - summary.Start, SystemStatus.Medium, last.MemoryUsedBytes, last.MemoryTotalBytes, last.UptimeSeconds, last.CpuCount, summary.Last.Processes.Count), recorded);
                if (check == 1439)
                {
                    dayBytes = Size(path) - Size(baselinePath);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"moments: {days} days of checks on a host of 2,000 processes in {Stopwatch.GetElapsedTime(build).TotalSeconds:0} s; {rows / (days * 1440.0):0.0} processes recorded per check"));
        long total = Size(path) - Size(baselinePath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"moments: the first day adds {dayBytes / 1e6:0.00} MB to the file (target <= 3 MB a day: {(dayBytes <= 3_000_000 ? "OK" : "MISSED")}); {days} days add {total / 1e6:0.0} MB, {total / 1e6 / days:0.00} MB a day"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"moments: {Count(path, "SELECT count(*) FROM moments"):N0} moments holding {rows:N0} processes in {Count(path, "SELECT sum(length(processes)) FROM moments") / 1e6:0.0} MB ({Count(path, "SELECT sum(length(processes)) FROM moments") / (double)rows:0.0} bytes each); {Count(path, "SELECT count(*) FROM process_text"):N0} distinct texts ({Count(path, "SELECT sum(length(text)) FROM process_text") / 1e6:0.0} MB of them)"));

        using var read = SysMedicDatabase.Open(path, TimeProvider.System, NullLogger.Instance, new StorageOptions { ReadOnly = true, QuickCheck = false, QuarantineCorrupt = false });
        var random = new Random(7);
        long span = (long)TimeSpan.FromDays(days).TotalSeconds;
        double reference = Measure.Median(Measure.Times(50, () => read.History.System(start, start.AddHours(1), 60)).Wall);
        Measure.Report($"any moment of {days} days (at or before a random time)", Measure.Times(200, () =>
        {
            RecordedMoment m = read.Moments.At(start.AddSeconds(random.NextInt64(60, span)), "build-01")!;
            if (m.Snapshot.Processes.Count == 0)
            {
                throw new InvalidOperationException("a moment without processes");
            }
        }), 20, reference);
    }

    // The file's size with everything checkpointed into it.
    private static long Size(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT (SELECT page_count FROM pragma_page_count) - (SELECT freelist_count FROM pragma_freelist_count)";
        long pages = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = "PRAGMA page_size";
        return pages * Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Count(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
