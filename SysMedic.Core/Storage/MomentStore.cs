using System.Globalization;
using Microsoft.Data.Sqlite;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Storage;

/// <summary>
/// The <c>moments</c> table: what each check saw, so any past moment can be shown again. Its processes are one value
/// (<see cref="ProcessListCodec"/>, about 20 bytes a process); user names, process names and command lines are stored
/// once in <c>process_text</c> (looked up by a 64-bit hash, the text compared) and referenced by id.
/// </summary>
public sealed class MomentStore
{
    // A text's last_used is written again at most once a day: retention removes texts unused for its whole span.
    private const long LastUsedGranularitySeconds = 86_400;
    private const int CacheLimit = 8_192;

    /// <summary>Longest command line kept, in characters; a longer one is cut (and ends with an ellipsis).</summary>
    public const int MaxCmdlineLength = 512;

    private const string InsertMomentSql = """
        INSERT OR REPLACE INTO moments (timestamp, window_seconds, status, memory_used_bytes, memory_total_bytes, uptime_seconds, cpu_count, process_count, processes)
        VALUES ($ts, $window, $status, $used, $total, $uptime, $cpus, $count, $processes)
        """;

    private const string FindTextSql = "SELECT id, text, last_used FROM process_text WHERE hash = $hash";

    private const string InsertTextSql = "INSERT INTO process_text (hash, text, last_used) VALUES ($hash, $text, $now) RETURNING id";

    private const string TouchTextSql = "UPDATE process_text SET last_used = $now WHERE id = $id";

    private const string MomentSql = """
        SELECT m.timestamp, m.window_seconds, m.status, m.memory_used_bytes, m.memory_total_bytes, m.uptime_seconds, m.cpu_count, m.process_count,
            m.processes, s.cpu_avg_pct_x100, s.memory_avg_pct_x100, s.disk_pct_x100, s.network_rx_bytes_per_sec, s.network_tx_bytes_per_sec,
            s.load_avg_1, s.load_avg_5, s.load_avg_15
        FROM moments m LEFT JOIN system_metrics s ON s.timestamp = m.timestamp
        WHERE m.timestamp <= $at ORDER BY m.timestamp DESC LIMIT 1
        """;

    // The hourly rollup names the users of the hour, so the per-user rows are found by their key, not by a scan.
    private const string UsersSql = """
        SELECT username, cpu_avg_pct_x100, memory_avg_pct_x100, rss_bytes, process_count, pids FROM user_metrics_all
        WHERE timestamp = $ts AND username IN (SELECT username FROM user_metrics_hourly WHERE hour = $ts / 3600 * 3600)
        ORDER BY cpu_avg_pct_x100 DESC, username
        """;

    private const string TextSql = "SELECT text FROM process_text WHERE id = $id";

    private readonly StoreConnection _connection;
    private readonly Action<Action> _inTransaction;
    private readonly Dictionary<string, (long Id, long LastUsed)> _texts = new(StringComparer.Ordinal);

    internal MomentStore(StoreConnection connection, Action<Action> inTransaction)
    {
        _connection = connection;
        _inTransaction = inTransaction;
    }

    /// <summary>The first moment recorded, or null when there is none.</summary>
    public DateTimeOffset? First()
    {
        using var command = _connection.Command("SELECT min(timestamp) FROM moments");
        return SqliteErrors.Guard("reading moments", () => UnixTime.FromNullable(command.ExecuteScalar() ?? DBNull.Value));
    }

    /// <summary>Stores one check's moment and its <paramref name="processes"/> in a transaction of its own.</summary>
    public void Record(MomentHeader moment, IReadOnlyList<RecordedProcess> processes)
    {
        ArgumentNullException.ThrowIfNull(moment);
        ArgumentNullException.ThrowIfNull(processes);
        long ts = UnixTime.ToSeconds(moment.Timestamp);
        var added = new Dictionary<string, (long Id, long LastUsed)>(StringComparer.Ordinal);
        _inTransaction(() => SqliteErrors.Guard("recording a moment", () =>
        {
            added.Clear();
            byte[] encoded = ProcessListCodec.Encode(processes.Select(r => new ProcessListCodec.Entry(
                r.Process.Pid, r.Process.Ppid, r.Process.Uid,
                Intern(r.Process.User, ts, added), Intern(r.Process.Name, ts, added), Intern(Cut(r.Process.Cmdline), ts, added),
                r.Process.State, (long)Math.Round(r.Process.CpuPercent * 100), r.Process.RssBytes / 1024, r.Process.Threads,
                Math.Max(0, ts - UnixTime.ToSeconds(r.StartedAt)))));
            using var command = _connection.Command(InsertMomentSql);
            command.Parameters.AddWithValue("$ts", ts);
            command.Parameters.AddWithValue("$window", (long)Math.Round(moment.Window.TotalSeconds));
            command.Parameters.AddWithValue("$status", moment.Status.ToDisplay());
            command.Parameters.AddWithValue("$used", moment.MemoryUsedBytes);
            command.Parameters.AddWithValue("$total", moment.MemoryTotalBytes);
            command.Parameters.AddWithValue("$uptime", (long)moment.UptimeSeconds);
            command.Parameters.AddWithValue("$cpus", moment.CpuCount);
            command.Parameters.AddWithValue("$count", moment.ProcessCount);
            command.Parameters.AddWithValue("$processes", encoded);
            return command.ExecuteNonQuery();
        }));

        // Only what the committed transaction wrote may be remembered.
        if (_texts.Count + added.Count > CacheLimit)
        {
            _texts.Clear();
        }

        foreach (var (text, entry) in added)
        {
            _texts[text] = entry;
        }
    }

    /// <summary>
    /// The moment recorded at or before <paramref name="at"/> on host <paramref name="hostname"/>, or null when none
    /// was. A user's uid comes from their recorded processes, else from <paramref name="uidOf"/> (else 0).
    /// </summary>
    public RecordedMoment? At(DateTimeOffset at, string hostname, Func<string, uint?>? uidOf = null)
    {
        using var command = _connection.Command(MomentSql);
        command.Parameters.AddWithValue("$at", UnixTime.ToSeconds(at));
        return SqliteErrors.Guard("reading a moment", () =>
        {
            long ts;
            TimeSpan window;
            SystemStatus status;
            int processCount;
            SystemUsage system;
            byte[] encoded;
            using (var r = command.ExecuteReader())
            {
                if (!r.Read())
                {
                    return null;
                }

                ts = r.GetInt64(0);
                window = TimeSpan.FromSeconds(r.GetInt64(1));
                status = SystemStatusText.Parse(r.GetString(2)) ?? SystemStatus.Light;
                processCount = r.GetInt32(7);
                encoded = (byte[])r.GetValue(8);
                bool metrics = !r.IsDBNull(9);
                system = new SystemUsage(
                    metrics ? r.GetInt64(9) / 100.0 : 0, metrics ? r.GetInt64(10) / 100.0 : 0, r.GetInt64(3), r.GetInt64(4),
                    metrics ? r.GetInt64(11) / 100.0 : 0, metrics ? r.GetInt64(12) : 0, metrics ? r.GetInt64(13) : 0,
                    metrics ? r.GetDouble(14) : 0, metrics ? r.GetDouble(15) : 0, metrics ? r.GetDouble(16) : 0,
                    r.GetInt64(5), r.GetInt32(6));
            }

            List<ProcessUsage> processes = ReadProcesses(encoded, system);
            List<UserUsage> users = ReadUsers(ts, processes, uidOf);
            DateTimeOffset when = UnixTime.FromSeconds(ts);
            var snapshot = new Snapshot(when, hostname, status, system, users, processes) { Interval = window };
            return new RecordedMoment(when, window, processCount, snapshot);
        });
    }

    /// <summary>Deletes moments older than <paramref name="cutoff"/>, and the texts no moment used since then.</summary>
    internal long Cleanup(long cutoff, Func<string, long> deleteInBatches)
    {
        long rows = deleteInBatches("""
            DELETE FROM moments WHERE timestamp IN (SELECT timestamp FROM moments WHERE timestamp < $cutoff ORDER BY timestamp LIMIT $batch)
            """);
        rows += deleteInBatches("""
            DELETE FROM process_text WHERE id IN (SELECT id FROM process_text WHERE last_used < $cutoff LIMIT $batch)
            """);
        _texts.Clear();
        return rows;
    }

    // Memory% is the RSS over the memory installed, as the report defines it (only the RSS is kept). Busiest first.
    private List<ProcessUsage> ReadProcesses(byte[] encoded, SystemUsage system)
    {
        var texts = new Dictionary<long, string>();
        var processes = new List<ProcessUsage>();
        foreach (ProcessListCodec.Entry e in ProcessListCodec.Decode(encoded))
        {
            long rss = e.RssKib * 1024;
            double memory = system.MemoryTotalBytes > 0 ? Math.Round(10_000.0 * rss / system.MemoryTotalBytes) / 100 : 0;
            processes.Add(new ProcessUsage(e.Pid, e.Ppid, e.Uid, Text(e.UserId, texts), Text(e.NameId, texts), e.State, e.CpuPctX100 / 100.0, memory, rss, e.Threads, Text(e.CmdlineId, texts))
            {
                StartTimeSeconds = system.UptimeSeconds - e.AgeSeconds,
            });
        }

        processes.Sort(static (a, b) => a.CpuPercent != b.CpuPercent ? b.CpuPercent.CompareTo(a.CpuPercent) : a.RssBytes != b.RssBytes ? b.RssBytes.CompareTo(a.RssBytes) : a.Pid.CompareTo(b.Pid));
        return processes;
    }

    private string Text(long id, Dictionary<long, string> known)
    {
        if (known.TryGetValue(id, out string? text))
        {
            return text;
        }

        using var command = _connection.Command(TextSql);
        command.Parameters.AddWithValue("$id", id);
        text = command.ExecuteScalar() as string ?? "?";
        known[id] = text;
        return text;
    }

    private static string Cut(string cmdline) =>
        cmdline.Length <= MaxCmdlineLength ? cmdline : string.Concat(cmdline.AsSpan(0, MaxCmdlineLength - 1), "…");

    private List<UserUsage> ReadUsers(long ts, List<ProcessUsage> processes, Func<string, uint?>? uidOf)
    {
        using var command = _connection.Command(UsersSql);
        command.Parameters.AddWithValue("$ts", ts);
        using var r = command.ExecuteReader();
        var users = new List<UserUsage>();
        while (r.Read())
        {
            string name = r.GetString(0);
            uint uid = processes.FirstOrDefault(p => p.User == name)?.Uid ?? uidOf?.Invoke(name) ?? 0;
            IReadOnlyList<int> pids = r.IsDBNull(5) ? [] : PidListCodec.Decode((byte[])r.GetValue(5));
            users.Add(new UserUsage(name, uid, r.GetInt64(1) / 100.0, r.GetInt64(2) / 100.0, r.GetInt64(3), r.GetInt32(4), pids));
        }

        return users;
    }

    private long Intern(string text, long now, Dictionary<string, (long Id, long LastUsed)> added)
    {
        if (added.TryGetValue(text, out var fresh))
        {
            return fresh.Id;
        }

        if (_texts.TryGetValue(text, out var known) && now - known.LastUsed < LastUsedGranularitySeconds)
        {
            return known.Id;
        }

        long hash = Hash(text);
        long? id = null;
        long lastUsed = 0;
        using (var find = _connection.Command(FindTextSql))
        {
            find.Parameters.AddWithValue("$hash", hash);
            using var r = find.ExecuteReader();
            while (r.Read())
            {
                if (string.Equals(r.GetString(1), text, StringComparison.Ordinal))
                {
                    (id, lastUsed) = (r.GetInt64(0), r.GetInt64(2));
                    break;
                }
            }
        }

        if (id is { } existing)
        {
            if (now - lastUsed >= LastUsedGranularitySeconds)
            {
                using var touch = _connection.Command(TouchTextSql);
                touch.Parameters.AddWithValue("$now", now);
                touch.Parameters.AddWithValue("$id", existing);
                touch.ExecuteNonQuery();
                lastUsed = now;
            }

            added[text] = (existing, lastUsed);
            return existing;
        }

        using var insert = _connection.Command(InsertTextSql);
        insert.Parameters.AddWithValue("$hash", hash);
        insert.Parameters.AddWithValue("$text", text);
        insert.Parameters.AddWithValue("$now", now);
        long created = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        added[text] = (created, now);
        return created;
    }

    // FNV-1a over the UTF-16 code units: stable across runs and builds (string.GetHashCode is randomised).
    private static long Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
