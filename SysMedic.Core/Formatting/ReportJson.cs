using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Formatting;

/// <summary>
/// The JSON of <c>sysmedic report --json</c>: exactly the documented fields (docs/cli.md), a contract for scripts.
/// The protocol sends the same objects with more fields (interfaces, swap, nice); this view keeps the report's
/// shape fixed whatever is added to them.
/// </summary>
public static class ReportJson
{
    private static readonly Dictionary<Type, HashSet<string>> Documented = new()
    {
        [typeof(Snapshot)] = ["timestamp", "hostname", "status", "system", "users", "processes"],
        [typeof(SystemUsage)] =
        [
            "cpu_percent", "memory_percent", "memory_used_bytes", "memory_total_bytes", "disk_percent",
            "network_rx_bytes_per_sec", "network_tx_bytes_per_sec", "load_avg_1", "load_avg_5", "load_avg_15",
            "uptime_seconds", "cpu_count", "processes_started", "pressure",
        ],
        [typeof(UserUsage)] =
        [
            "username", "uid", "cpu_percent", "memory_percent", "rss_bytes", "process_count", "pids", "cpu_seconds",
            "exited_cpu_seconds", "cpu_from_slice", "disk_read_bytes_per_sec", "disk_write_bytes_per_sec", "new_processes",
            "pressure",
        ],
        [typeof(ProcessUsage)] =
        [
            "pid", "ppid", "uid", "user", "name", "state", "cpu_percent", "memory_percent", "rss_bytes", "threads", "cmdline",
            "disk_read_bytes_per_sec", "disk_write_bytes_per_sec", "cgroup",
        ],
    };

    // The protocol's context already describes the snapshot: one description of these types in the binary, not two.
    // Its options with indentation are the report's (snake_case, NaN and Infinity written as names).
    private static readonly JsonSerializerOptions Options = new(ProtocolJsonContext.Default.Options)
    {
        WriteIndented = true,
        TypeInfoResolver = ProtocolJsonContext.Default.WithAddedModifier(KeepDocumented),
    };

    /// <summary>The report of <paramref name="snapshot"/>, indented.</summary>
    public static string Serialize(Snapshot snapshot) =>
        JsonSerializer.Serialize(snapshot, (JsonTypeInfo<Snapshot>)Options.GetTypeInfo(typeof(Snapshot)));

    /// <summary>
    /// The report of a recorded moment: <paramref name="snapshot"/>'s fields (its <c>timestamp</c> is the check's end),
    /// plus <c>at</c> (the time asked for), <c>recorded</c> (true), <c>window_seconds</c> and <c>processes_total</c>
    /// (the host's count then; <c>processes</c> lists those recorded).
    /// </summary>
    public static string SerializeRecorded(Snapshot snapshot, DateTimeOffset at, int processesTotal)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var node = (JsonObject)JsonNode.Parse(Serialize(snapshot))!;
        node["at"] = at;
        node["recorded"] = true;
        node["window_seconds"] = (long)Math.Round(snapshot.Interval.TotalSeconds);
        node["processes_total"] = processesTotal;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void KeepDocumented(JsonTypeInfo info)
    {
        if (!Documented.TryGetValue(info.Type, out HashSet<string>? keep))
        {
            return;
        }

        for (int i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (!keep.Contains(info.Properties[i].Name))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
