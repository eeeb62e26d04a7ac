namespace SysMedic.Core.Storage;

/// <summary>
/// The SQL behind <see cref="HistoryQueries.Usage"/>: the whole hours of a range [$from, $to) from the hourly rollups
/// ([$h0, $h1)), its partial hours at each end from the checks ([$from, $h0) and [$h1, $to)), so the sums are exact
/// for any range and a month reads about 720 rollup rows per user rather than 43,200 checks.
/// </summary>
internal static class UsageSql
{
    // The recursive CTE lists the distinct users by seeking the primary key (a loose index scan); each user's two
    // edge ranges are then one seek each on (username, timestamp). The staged rows are few and in time order.
    public const string Users = """
        WITH RECURSIVE names(name) AS (
            SELECT min(username) FROM user_metrics
            UNION ALL
            SELECT (SELECT min(username) FROM user_metrics WHERE username > names.name) FROM names WHERE names.name IS NOT NULL
        ),
        parts(username, samples, cpu_ms, exited_ms, rd, wr, started, slice, rss_sum, rss_max, mem_sum, mem_max) AS (
            SELECT m.username, 1, m.cpu_time_ms, m.exited_cpu_time_ms, m.disk_read_bytes, m.disk_write_bytes,
                m.new_processes, m.cpu_from_slice, m.rss_bytes, m.rss_bytes, m.memory_avg_pct_x100, m.memory_peak_pct_x100
            FROM names CROSS JOIN user_metrics AS m
            WHERE m.username = names.name AND m.timestamp >= $from AND m.timestamp < $h0
            UNION ALL
            SELECT m.username, 1, m.cpu_time_ms, m.exited_cpu_time_ms, m.disk_read_bytes, m.disk_write_bytes,
                m.new_processes, m.cpu_from_slice, m.rss_bytes, m.rss_bytes, m.memory_avg_pct_x100, m.memory_peak_pct_x100
            FROM names CROSS JOIN user_metrics AS m
            WHERE m.username = names.name AND m.timestamp >= $h1 AND m.timestamp < $to
            UNION ALL
            SELECT username, 1, cpu_time_ms, exited_cpu_time_ms, disk_read_bytes, disk_write_bytes, new_processes,
                cpu_from_slice, rss_bytes, rss_bytes, memory_avg_pct_x100, memory_peak_pct_x100
            FROM user_metrics_recent
            WHERE (timestamp >= $from AND timestamp < $h0) OR (timestamp >= $h1 AND timestamp < $to)
            UNION ALL
            SELECT username, samples, cpu_time_ms_sum, exited_cpu_time_ms_sum, disk_read_bytes_sum, disk_write_bytes_sum,
                new_processes_sum, cpu_from_slice_max, rss_bytes_sum, rss_bytes_max, memory_avg_pct_x100_sum,
                memory_peak_pct_x100_max
            FROM user_metrics_hourly
            WHERE hour >= $h0 AND hour < $h1
        )
        SELECT username, sum(samples), sum(cpu_ms), sum(exited_ms), sum(rd), sum(wr), sum(started), max(slice),
            sum(rss_sum) * 1.0 / sum(samples), max(rss_max), sum(mem_sum) * 1.0 / sum(samples), max(mem_max)
        FROM parts
        WHERE $user IS NULL OR username = $user
        GROUP BY username
        ORDER BY sum(cpu_ms) DESC, username
        """;

    public const string System = """
        WITH parts(samples, window_ms, capacity_ms, started, pressure_ms, cpu_some, cpu_full, mem_some, mem_full, io_some, io_full) AS (
            SELECT 1, window_ms, cpu_capacity_ms, processes_started, pressure_ms, cpu_some_stall_ms, cpu_full_stall_ms,
                memory_some_stall_ms, memory_full_stall_ms, io_some_stall_ms, io_full_stall_ms
            FROM system_metrics
            WHERE (timestamp >= $from AND timestamp < $h0) OR (timestamp >= $h1 AND timestamp < $to)
            UNION ALL
            SELECT samples, window_ms_sum, cpu_capacity_ms_sum, processes_started_sum, pressure_ms_sum,
                cpu_some_stall_ms_sum, cpu_full_stall_ms_sum, memory_some_stall_ms_sum, memory_full_stall_ms_sum,
                io_some_stall_ms_sum, io_full_stall_ms_sum
            FROM system_metrics_hourly
            WHERE hour >= $h0 AND hour < $h1
        )
        SELECT coalesce(sum(samples), 0), coalesce(sum(window_ms), 0), coalesce(sum(capacity_ms), 0), coalesce(sum(started), 0),
            coalesce(sum(pressure_ms), 0), coalesce(sum(cpu_some), 0), coalesce(sum(cpu_full), 0), coalesce(sum(mem_some), 0),
            coalesce(sum(mem_full), 0), coalesce(sum(io_some), 0), coalesce(sum(io_full), 0)
        FROM parts
        """;
}
