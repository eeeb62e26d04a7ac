namespace SysMedic.Core.Storage;

/// <summary>
/// Every schema version in order. A database records the last one applied in <c>PRAGMA user_version</c>; a new
/// step is appended here, never edited once released. See docs/storage.md for the columns.
/// </summary>
public static class Migrations
{
    /// <summary>Version 1: the guide's four tables, compact: Unix-second timestamps, percentages × 100 as integers.</summary>
    public static readonly Migration MetricsAndAlerts = new(1, "metrics, alerts and persistent users", """
        CREATE TABLE system_metrics (
            timestamp INTEGER PRIMARY KEY,
            cpu_avg_pct_x100 INTEGER NOT NULL,
            cpu_peak_pct_x100 INTEGER NOT NULL,
            memory_avg_pct_x100 INTEGER NOT NULL,
            memory_peak_pct_x100 INTEGER NOT NULL,
            disk_pct_x100 INTEGER NOT NULL,
            network_rx_bytes_per_sec INTEGER NOT NULL,
            network_tx_bytes_per_sec INTEGER NOT NULL,
            load_avg_1 REAL NOT NULL,
            load_avg_5 REAL NOT NULL,
            load_avg_15 REAL NOT NULL
        );
        CREATE TABLE user_metrics (
            username TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            cpu_avg_pct_x100 INTEGER NOT NULL,
            cpu_peak_pct_x100 INTEGER NOT NULL,
            memory_avg_pct_x100 INTEGER NOT NULL,
            memory_peak_pct_x100 INTEGER NOT NULL,
            rss_bytes INTEGER NOT NULL,
            process_count INTEGER NOT NULL,
            pids BLOB,
            PRIMARY KEY (username, timestamp)
        ) WITHOUT ROWID;
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            timestamp INTEGER NOT NULL,
            alert_type TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            system_cpu REAL NOT NULL DEFAULT 0,
            system_memory REAL NOT NULL DEFAULT 0,
            duration_minutes INTEGER NOT NULL DEFAULT 0,
            primary_cause TEXT NOT NULL DEFAULT '',
            user_details TEXT NOT NULL DEFAULT '',
            resolved INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX alerts_timestamp ON alerts (timestamp);
        CREATE TABLE persistent_users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL,
            metric TEXT NOT NULL,
            start_time INTEGER NOT NULL,
            end_time INTEGER,
            duration_minutes INTEGER NOT NULL DEFAULT 0,
            peak_usage REAL NOT NULL,
            average_usage REAL NOT NULL DEFAULT 0,
            sample_count INTEGER NOT NULL DEFAULT 0,
            resolved INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX persistent_users_open ON persistent_users (username, metric) WHERE resolved = 0;
        CREATE INDEX persistent_users_start_time ON persistent_users (start_time);
        """);

    /// <summary>Version 2: who resolved an alert, when and why; the outbox of alert deliveries.</summary>
    public static readonly Migration ResolutionAndOutbox = new(2, "alert resolution and delivery outbox", """
        ALTER TABLE alerts ADD COLUMN resolved_at INTEGER;
        ALTER TABLE alerts ADD COLUMN resolved_by TEXT;
        ALTER TABLE alerts ADD COLUMN resolution_note TEXT;
        CREATE INDEX alerts_resolved_timestamp ON alerts (resolved, timestamp);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            delivered_at INTEGER,
            gave_up_at INTEGER,
            last_error TEXT
        );
        CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
        CREATE INDEX outbox_created_at ON outbox (created_at);
        """);

    /// <summary>
    /// Version 3: hourly sums and maxima, kept in the check's transaction, so long charts and top users read
    /// hundreds of rows instead of hundreds of thousands. Existing rows are summed in.
    /// </summary>
    public static readonly Migration HourlyRollups = new(3, "hourly rollups", """
        CREATE TABLE system_metrics_hourly (
            hour INTEGER PRIMARY KEY,
            samples INTEGER NOT NULL,
            cpu_avg_pct_x100_sum INTEGER NOT NULL,
            cpu_peak_pct_x100_max INTEGER NOT NULL,
            memory_avg_pct_x100_sum INTEGER NOT NULL,
            memory_peak_pct_x100_max INTEGER NOT NULL,
            disk_pct_x100_max INTEGER NOT NULL,
            network_rx_bytes_per_sec_sum INTEGER NOT NULL,
            network_rx_bytes_per_sec_max INTEGER NOT NULL,
            network_tx_bytes_per_sec_sum INTEGER NOT NULL,
            network_tx_bytes_per_sec_max INTEGER NOT NULL,
            load_avg_1_sum REAL NOT NULL,
            load_avg_1_max REAL NOT NULL,
            load_avg_5_sum REAL NOT NULL,
            load_avg_15_sum REAL NOT NULL
        );
        CREATE TABLE user_metrics_hourly (
            hour INTEGER NOT NULL,
            username TEXT NOT NULL,
            samples INTEGER NOT NULL,
            cpu_avg_pct_x100_sum INTEGER NOT NULL,
            cpu_peak_pct_x100_max INTEGER NOT NULL,
            memory_avg_pct_x100_sum INTEGER NOT NULL,
            memory_peak_pct_x100_max INTEGER NOT NULL,
            rss_bytes_sum INTEGER NOT NULL,
            rss_bytes_max INTEGER NOT NULL,
            process_count_max INTEGER NOT NULL,
            PRIMARY KEY (hour, username)
        ) WITHOUT ROWID;
        INSERT INTO system_metrics_hourly
        SELECT timestamp / 3600 * 3600, count(*), sum(cpu_avg_pct_x100), max(cpu_peak_pct_x100),
            sum(memory_avg_pct_x100), max(memory_peak_pct_x100), max(disk_pct_x100),
            sum(network_rx_bytes_per_sec), max(network_rx_bytes_per_sec),
            sum(network_tx_bytes_per_sec), max(network_tx_bytes_per_sec),
            sum(load_avg_1), max(load_avg_1), sum(load_avg_5), sum(load_avg_15)
        FROM system_metrics GROUP BY 1;
        INSERT INTO user_metrics_hourly
        SELECT timestamp / 3600 * 3600, username, count(*), sum(cpu_avg_pct_x100), max(cpu_peak_pct_x100),
            sum(memory_avg_pct_x100), max(memory_peak_pct_x100), sum(rss_bytes), max(rss_bytes), max(process_count)
        FROM user_metrics GROUP BY 1, 2;
        """);

    /// <summary>
    /// Version 4: the current hour's user rows are staged in time order and moved into <c>user_metrics</c> once an
    /// hour, so a check appends to a few pages instead of rewriting one page per user. The view
    /// <c>user_metrics_all</c> shows both.
    /// </summary>
    public static readonly Migration StagedUserRows = new(4, "staged user rows", """
        CREATE TABLE user_metrics_recent (
            timestamp INTEGER NOT NULL,
            username TEXT NOT NULL,
            cpu_avg_pct_x100 INTEGER NOT NULL,
            cpu_peak_pct_x100 INTEGER NOT NULL,
            memory_avg_pct_x100 INTEGER NOT NULL,
            memory_peak_pct_x100 INTEGER NOT NULL,
            rss_bytes INTEGER NOT NULL,
            process_count INTEGER NOT NULL,
            pids BLOB,
            PRIMARY KEY (timestamp, username)
        ) WITHOUT ROWID;
        CREATE VIEW user_metrics_all AS
            SELECT username, timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100,
                memory_peak_pct_x100, rss_bytes, process_count, pids
            FROM user_metrics
            UNION ALL
            SELECT username, timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100,
                memory_peak_pct_x100, rss_bytes, process_count, pids
            FROM user_metrics_recent;
        """);

    /// <summary>
    /// Version 5: the condition an alert is about (<c>system:cpu</c>, <c>user:alice:memory</c>), so the agent can
    /// still tell after a restart which alerts it raised recently and not send them again.
    /// </summary>
    public static readonly Migration AlertSubject = new(5, "alert subjects", """
        ALTER TABLE alerts ADD COLUMN subject TEXT NOT NULL DEFAULT '';
        """);

    /// <summary>
    /// Version 6: the conditions the alert engine tracks (level, since when, whether it alerted, when it started to
    /// clear), so a restart continues them: nothing is raised again and no recovery is lost.
    /// </summary>
    public static readonly Migration AlertConditions = new(6, "alert conditions", """
        CREATE TABLE alert_conditions (
            subject TEXT PRIMARY KEY,
            level TEXT NOT NULL,
            since INTEGER NOT NULL,
            alerted INTEGER NOT NULL,
            clearing_since INTEGER
        ) WITHOUT ROWID;
        """);

    /// <summary>
    /// Version 7: what was running at each check. <c>moments</c> holds, per check, the figures a report needs beyond
    /// <c>system_metrics</c> and the processes that explain it (the busiest by CPU and memory, those of users over a
    /// threshold) in one compact value (<see cref="ProcessListCodec"/>); user names, process names and command lines
    /// are stored once in <c>process_text</c>.
    /// </summary>
    public static readonly Migration ProcessRecording = new(7, "process recording", """
        CREATE TABLE process_text (
            id INTEGER PRIMARY KEY,
            hash INTEGER NOT NULL,
            text TEXT NOT NULL,
            last_used INTEGER NOT NULL
        );
        CREATE INDEX process_text_hash ON process_text (hash);
        CREATE INDEX process_text_last_used ON process_text (last_used);
        CREATE TABLE moments (
            timestamp INTEGER PRIMARY KEY,
            window_seconds INTEGER NOT NULL,
            status TEXT NOT NULL,
            memory_used_bytes INTEGER NOT NULL,
            memory_total_bytes INTEGER NOT NULL,
            uptime_seconds INTEGER NOT NULL,
            cpu_count INTEGER NOT NULL,
            process_count INTEGER NOT NULL,
            processes BLOB NOT NULL
        );
        """);

    /// <summary>
    /// Version 8: exact usage. Per user and check: CPU time (core-milliseconds; the part from processes that ended),
    /// disk bytes read and written, processes first seen, whether the CPU came from a user slice. Per check: the
    /// window's length and CPU capacity, the processes started, and the pressure stall time of CPU, memory and I/O.
    /// The hourly rollups carry their sums, so an accounting over a month reads hundreds of rows. Rows stored before
    /// have zeros there (nothing was counted then).
    /// </summary>
    public static readonly Migration ExactUsage = new(8, "exact usage, disk I/O and pressure", """
        ALTER TABLE system_metrics ADD COLUMN window_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN cpu_capacity_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN processes_started INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN pressure_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN cpu_some_stall_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN cpu_full_stall_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN memory_some_stall_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN memory_full_stall_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN io_some_stall_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics ADD COLUMN io_full_stall_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN window_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN cpu_capacity_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN processes_started_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN pressure_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN cpu_some_stall_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN cpu_full_stall_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN memory_some_stall_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN memory_full_stall_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN io_some_stall_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE system_metrics_hourly ADD COLUMN io_full_stall_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics ADD COLUMN cpu_time_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics ADD COLUMN exited_cpu_time_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics ADD COLUMN disk_read_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics ADD COLUMN disk_write_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics ADD COLUMN new_processes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics ADD COLUMN cpu_from_slice INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_recent ADD COLUMN cpu_time_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_recent ADD COLUMN exited_cpu_time_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_recent ADD COLUMN disk_read_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_recent ADD COLUMN disk_write_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_recent ADD COLUMN new_processes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_recent ADD COLUMN cpu_from_slice INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_hourly ADD COLUMN cpu_time_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_hourly ADD COLUMN exited_cpu_time_ms_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_hourly ADD COLUMN disk_read_bytes_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_hourly ADD COLUMN disk_write_bytes_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_hourly ADD COLUMN new_processes_sum INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE user_metrics_hourly ADD COLUMN cpu_from_slice_max INTEGER NOT NULL DEFAULT 0;
        DROP VIEW user_metrics_all;
        CREATE VIEW user_metrics_all AS
            SELECT username, timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100,
                memory_peak_pct_x100, rss_bytes, process_count, pids, cpu_time_ms, exited_cpu_time_ms,
                disk_read_bytes, disk_write_bytes, new_processes, cpu_from_slice
            FROM user_metrics
            UNION ALL
            SELECT username, timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100,
                memory_peak_pct_x100, rss_bytes, process_count, pids, cpu_time_ms, exited_cpu_time_ms,
                disk_read_bytes, disk_write_bytes, new_processes, cpu_from_slice
            FROM user_metrics_recent;
        """);

    /// <summary>All steps, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } = [MetricsAndAlerts, ResolutionAndOutbox, HourlyRollups, StagedUserRows, AlertSubject, AlertConditions, ProcessRecording, ExactUsage];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => All[^1].Version;
}
