namespace SysMedic.Core.Storage;

/// <summary>The SQL behind <see cref="HistoryQueries"/>: raw checks for short buckets, hourly rollups for long ones.</summary>
internal static class HistorySql
{
    public const string SystemSql = """
        SELECT (timestamp - $from) * $n / $span AS bucket, count(*),
            avg(cpu_avg_pct_x100), max(cpu_peak_pct_x100), avg(memory_avg_pct_x100), max(memory_peak_pct_x100),
            max(disk_pct_x100), avg(network_rx_bytes_per_sec), max(network_rx_bytes_per_sec),
            avg(network_tx_bytes_per_sec), max(network_tx_bytes_per_sec),
            avg(load_avg_1), max(load_avg_1), avg(load_avg_5), avg(load_avg_15)
        FROM system_metrics
        WHERE timestamp >= $from AND timestamp < $to
        GROUP BY bucket ORDER BY bucket
        """;

    public const string SystemHourlySql = """
        SELECT max(0, (hour - $from) * $n / $span) AS bucket, sum(samples),
            sum(cpu_avg_pct_x100_sum) * 1.0 / sum(samples), max(cpu_peak_pct_x100_max),
            sum(memory_avg_pct_x100_sum) * 1.0 / sum(samples), max(memory_peak_pct_x100_max),
            max(disk_pct_x100_max), sum(network_rx_bytes_per_sec_sum) * 1.0 / sum(samples), max(network_rx_bytes_per_sec_max),
            sum(network_tx_bytes_per_sec_sum) * 1.0 / sum(samples), max(network_tx_bytes_per_sec_max),
            sum(load_avg_1_sum) / sum(samples), max(load_avg_1_max), sum(load_avg_5_sum) / sum(samples),
            sum(load_avg_15_sum) / sum(samples)
        FROM system_metrics_hourly
        WHERE hour >= $from / 3600 * 3600 AND hour < $to
        GROUP BY bucket ORDER BY bucket
        """;

    public const string TopUsersHourlySql = """
        SELECT username, sum(samples), sum(cpu_avg_pct_x100_sum) * 1.0 / sum(samples) AS cpu, max(cpu_peak_pct_x100_max),
            sum(memory_avg_pct_x100_sum) * 1.0 / sum(samples) AS memory, max(memory_peak_pct_x100_max), max(rss_bytes_max)
        FROM user_metrics_hourly
        WHERE hour >= $from / 3600 * 3600 AND hour < $to
        GROUP BY username
        ORDER BY CASE $order WHEN 1 THEN memory ELSE cpu END DESC, username
        LIMIT $limit
        """;

    // One point lookup on (hour, username) per hour of the range: the rollup is clustered by hour, so this
    // avoids reading every user's rows of those hours.
    public const string UserHourlySql = """
        WITH RECURSIVE hours(hour) AS (
            SELECT $from / 3600 * 3600
            UNION ALL
            SELECT hour + 3600 FROM hours WHERE hour + 3600 < $to
        )
        SELECT max(0, (h.hour - $from) * $n / $span) AS bucket, sum(samples),
            sum(cpu_avg_pct_x100_sum) * 1.0 / sum(samples), max(cpu_peak_pct_x100_max),
            sum(memory_avg_pct_x100_sum) * 1.0 / sum(samples), max(memory_peak_pct_x100_max),
            sum(rss_bytes_sum) * 1.0 / sum(samples), max(rss_bytes_max), max(process_count_max)
        FROM hours AS h CROSS JOIN user_metrics_hourly AS u
        WHERE u.hour = h.hour AND u.username = $user
        GROUP BY bucket ORDER BY bucket
        """;

    public const string UserSql = """
        SELECT (timestamp - $from) * $n / $span AS bucket, count(*),
            avg(cpu_avg_pct_x100), max(cpu_peak_pct_x100), avg(memory_avg_pct_x100), max(memory_peak_pct_x100),
            avg(rss_bytes), max(rss_bytes), max(process_count)
        FROM (
            SELECT timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100, memory_peak_pct_x100,
                rss_bytes, process_count
            FROM user_metrics WHERE username = $user AND timestamp >= $from AND timestamp < $to
            UNION ALL
            SELECT timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100, memory_peak_pct_x100,
                rss_bytes, process_count
            FROM user_metrics_recent WHERE timestamp >= $from AND timestamp < $to AND username = $user)
        GROUP BY bucket ORDER BY bucket
        """;

    // The recursive CTE lists the distinct users by seeking the primary key (a loose index scan), then CROSS JOIN
    // keeps it as the outer loop so each user's range is one seek on (username, timestamp), never a table scan.
    // The staged rows of the current hour are few and in time order: a range scan.
    public const string TopUsersSql = """
        WITH RECURSIVE names(name) AS (
            SELECT min(username) FROM user_metrics
            UNION ALL
            SELECT (SELECT min(username) FROM user_metrics WHERE username > names.name) FROM names WHERE names.name IS NOT NULL
        ),
        checks(username, cpu_avg, cpu_peak, memory_avg, memory_peak, rss) AS (
            SELECT m.username, m.cpu_avg_pct_x100, m.cpu_peak_pct_x100, m.memory_avg_pct_x100, m.memory_peak_pct_x100, m.rss_bytes
            FROM names CROSS JOIN user_metrics AS m
            WHERE m.username = names.name AND m.timestamp >= $from AND m.timestamp < $to
            UNION ALL
            SELECT username, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100, memory_peak_pct_x100, rss_bytes
            FROM user_metrics_recent WHERE timestamp >= $from AND timestamp < $to
        )
        SELECT username, count(*), avg(cpu_avg) AS cpu, max(cpu_peak), avg(memory_avg) AS memory, max(memory_peak), max(rss)
        FROM checks
        GROUP BY username
        ORDER BY CASE $order WHEN 1 THEN memory ELSE cpu END DESC, username
        LIMIT $limit
        """;

    public const string PidsSql = """
        SELECT pids FROM user_metrics WHERE username = $user AND timestamp = $ts
        UNION ALL
        SELECT pids FROM user_metrics_recent WHERE timestamp = $ts AND username = $user
        LIMIT 1
        """;
}
