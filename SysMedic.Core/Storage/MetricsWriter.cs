using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>
/// Writes a check: the system row and every user row, with their hourly rollups, in one transaction, through
/// prepared statements compiled once and reused. There is one check per second: a second write for a second
/// already stored is ignored, so the rollups never count a row twice.
/// </summary>
public sealed class MetricsWriter : IDisposable
{
    // Each command is two statements sharing the parameters; changes() = 1 only when the raw row was new.
    private const string InsertSystemSql = """
        INSERT OR IGNORE INTO system_metrics (timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100,
            memory_peak_pct_x100, disk_pct_x100, network_rx_bytes_per_sec, network_tx_bytes_per_sec,
            load_avg_1, load_avg_5, load_avg_15, window_ms, cpu_capacity_ms, processes_started, pressure_ms,
            cpu_some_stall_ms, cpu_full_stall_ms, memory_some_stall_ms, memory_full_stall_ms, io_some_stall_ms,
            io_full_stall_ms)
        VALUES ($ts, $cpu_avg, $cpu_peak, $mem_avg, $mem_peak, $disk, $rx, $tx, $load1, $load5, $load15, $window,
            $capacity, $started, $pressure, $cpu_some, $cpu_full, $mem_some, $mem_full, $io_some, $io_full);
        INSERT INTO system_metrics_hourly (hour, samples, cpu_avg_pct_x100_sum, cpu_peak_pct_x100_max,
            memory_avg_pct_x100_sum, memory_peak_pct_x100_max, disk_pct_x100_max, network_rx_bytes_per_sec_sum,
            network_rx_bytes_per_sec_max, network_tx_bytes_per_sec_sum, network_tx_bytes_per_sec_max, load_avg_1_sum,
            load_avg_1_max, load_avg_5_sum, load_avg_15_sum, window_ms_sum, cpu_capacity_ms_sum, processes_started_sum,
            pressure_ms_sum, cpu_some_stall_ms_sum, cpu_full_stall_ms_sum, memory_some_stall_ms_sum,
            memory_full_stall_ms_sum, io_some_stall_ms_sum, io_full_stall_ms_sum)
        SELECT $ts / 3600 * 3600, 1, $cpu_avg, $cpu_peak, $mem_avg, $mem_peak, $disk, $rx, $rx, $tx, $tx, $load1, $load1, $load5, $load15,
            $window, $capacity, $started, $pressure, $cpu_some, $cpu_full, $mem_some, $mem_full, $io_some, $io_full
        WHERE changes() = 1
        ON CONFLICT (hour) DO UPDATE SET
            samples = samples + 1,
            cpu_avg_pct_x100_sum = cpu_avg_pct_x100_sum + excluded.cpu_avg_pct_x100_sum,
            cpu_peak_pct_x100_max = max(cpu_peak_pct_x100_max, excluded.cpu_peak_pct_x100_max),
            memory_avg_pct_x100_sum = memory_avg_pct_x100_sum + excluded.memory_avg_pct_x100_sum,
            memory_peak_pct_x100_max = max(memory_peak_pct_x100_max, excluded.memory_peak_pct_x100_max),
            disk_pct_x100_max = max(disk_pct_x100_max, excluded.disk_pct_x100_max),
            network_rx_bytes_per_sec_sum = network_rx_bytes_per_sec_sum + excluded.network_rx_bytes_per_sec_sum,
            network_rx_bytes_per_sec_max = max(network_rx_bytes_per_sec_max, excluded.network_rx_bytes_per_sec_max),
            network_tx_bytes_per_sec_sum = network_tx_bytes_per_sec_sum + excluded.network_tx_bytes_per_sec_sum,
            network_tx_bytes_per_sec_max = max(network_tx_bytes_per_sec_max, excluded.network_tx_bytes_per_sec_max),
            load_avg_1_sum = load_avg_1_sum + excluded.load_avg_1_sum,
            load_avg_1_max = max(load_avg_1_max, excluded.load_avg_1_max),
            load_avg_5_sum = load_avg_5_sum + excluded.load_avg_5_sum,
            load_avg_15_sum = load_avg_15_sum + excluded.load_avg_15_sum,
            window_ms_sum = window_ms_sum + excluded.window_ms_sum,
            cpu_capacity_ms_sum = cpu_capacity_ms_sum + excluded.cpu_capacity_ms_sum,
            processes_started_sum = processes_started_sum + excluded.processes_started_sum,
            pressure_ms_sum = pressure_ms_sum + excluded.pressure_ms_sum,
            cpu_some_stall_ms_sum = cpu_some_stall_ms_sum + excluded.cpu_some_stall_ms_sum,
            cpu_full_stall_ms_sum = cpu_full_stall_ms_sum + excluded.cpu_full_stall_ms_sum,
            memory_some_stall_ms_sum = memory_some_stall_ms_sum + excluded.memory_some_stall_ms_sum,
            memory_full_stall_ms_sum = memory_full_stall_ms_sum + excluded.memory_full_stall_ms_sum,
            io_some_stall_ms_sum = io_some_stall_ms_sum + excluded.io_some_stall_ms_sum,
            io_full_stall_ms_sum = io_full_stall_ms_sum + excluded.io_full_stall_ms_sum
        """;

    private const string InsertUserSql = """
        INSERT OR IGNORE INTO user_metrics_recent (username, timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100,
            memory_avg_pct_x100, memory_peak_pct_x100, rss_bytes, process_count, pids, cpu_time_ms, exited_cpu_time_ms,
            disk_read_bytes, disk_write_bytes, new_processes, cpu_from_slice)
        VALUES ($user, $ts, $cpu_avg, $cpu_peak, $mem_avg, $mem_peak, $rss, $count, $pids, $cpu_ms, $exited_ms,
            $read, $write, $new, $slice);
        INSERT INTO user_metrics_hourly (hour, username, samples, cpu_avg_pct_x100_sum, cpu_peak_pct_x100_max,
            memory_avg_pct_x100_sum, memory_peak_pct_x100_max, rss_bytes_sum, rss_bytes_max, process_count_max,
            cpu_time_ms_sum, exited_cpu_time_ms_sum, disk_read_bytes_sum, disk_write_bytes_sum, new_processes_sum,
            cpu_from_slice_max)
        SELECT $ts / 3600 * 3600, $user, 1, $cpu_avg, $cpu_peak, $mem_avg, $mem_peak, $rss, $rss, $count,
            $cpu_ms, $exited_ms, $read, $write, $new, $slice
        WHERE changes() = 1
        ON CONFLICT (hour, username) DO UPDATE SET
            samples = samples + 1,
            cpu_avg_pct_x100_sum = cpu_avg_pct_x100_sum + excluded.cpu_avg_pct_x100_sum,
            cpu_peak_pct_x100_max = max(cpu_peak_pct_x100_max, excluded.cpu_peak_pct_x100_max),
            memory_avg_pct_x100_sum = memory_avg_pct_x100_sum + excluded.memory_avg_pct_x100_sum,
            memory_peak_pct_x100_max = max(memory_peak_pct_x100_max, excluded.memory_peak_pct_x100_max),
            rss_bytes_sum = rss_bytes_sum + excluded.rss_bytes_sum,
            rss_bytes_max = max(rss_bytes_max, excluded.rss_bytes_max),
            process_count_max = max(process_count_max, excluded.process_count_max),
            cpu_time_ms_sum = cpu_time_ms_sum + excluded.cpu_time_ms_sum,
            exited_cpu_time_ms_sum = exited_cpu_time_ms_sum + excluded.exited_cpu_time_ms_sum,
            disk_read_bytes_sum = disk_read_bytes_sum + excluded.disk_read_bytes_sum,
            disk_write_bytes_sum = disk_write_bytes_sum + excluded.disk_write_bytes_sum,
            new_processes_sum = new_processes_sum + excluded.new_processes_sum,
            cpu_from_slice_max = max(cpu_from_slice_max, excluded.cpu_from_slice_max)
        """;

    // Rows of hours before the check's hour leave the time-ordered staging table for the per-user clusters: once
    // an hour each user's range is extended by about 60 rows, touching its last page once instead of 60 times.
    private const string MoveStagedSql = """
        INSERT OR IGNORE INTO user_metrics (username, timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100,
            memory_avg_pct_x100, memory_peak_pct_x100, rss_bytes, process_count, pids, cpu_time_ms,
            exited_cpu_time_ms, disk_read_bytes, disk_write_bytes, new_processes, cpu_from_slice)
        SELECT username, timestamp, cpu_avg_pct_x100, cpu_peak_pct_x100, memory_avg_pct_x100,
            memory_peak_pct_x100, rss_bytes, process_count, pids, cpu_time_ms, exited_cpu_time_ms,
            disk_read_bytes, disk_write_bytes, new_processes, cpu_from_slice
        FROM user_metrics_recent WHERE timestamp < $hour ORDER BY username, timestamp;
        DELETE FROM user_metrics_recent WHERE timestamp < $hour;
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertSystem;
    private readonly SqliteCommand _insertUser;
    private readonly SqliteCommand _moveStaged;
    private bool _prepared;
    private long _stagedFrom = long.MinValue;

    internal MetricsWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertSystem = Command(connection, InsertSystemSql, "$ts", "$cpu_avg", "$cpu_peak", "$mem_avg", "$mem_peak", "$disk", "$rx", "$tx", "$load1", "$load5", "$load15",
            "$window", "$capacity", "$started", "$pressure", "$cpu_some", "$cpu_full", "$mem_some", "$mem_full", "$io_some", "$io_full");
        _insertUser = Command(connection, InsertUserSql, "$user", "$ts", "$cpu_avg", "$cpu_peak", "$mem_avg", "$mem_peak", "$rss", "$count", "$pids",
            "$cpu_ms", "$exited_ms", "$read", "$write", "$new", "$slice");
        _moveStaged = Command(connection, MoveStagedSql, "$hour");
    }

    /// <summary>
    /// Stores <paramref name="system"/> and <paramref name="users"/> (stamped with the system row's time, to the
    /// second) atomically; false if a check for that second is already stored (nothing is changed then). Throws
    /// <see cref="StorageException"/> (disk full, read-only, busy...) and then nothing of the check is stored.
    /// </summary>
    public bool WriteCheck(SystemMetricsRow system, IReadOnlyList<UserMetricsRow> users)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            _insertSystem.Transaction = transaction;
            _insertUser.Transaction = transaction;
            _moveStaged.Transaction = transaction;
            PrepareOnce();
            long timestamp = UnixTime.ToSeconds(system.Timestamp);
            BindSystem(timestamp, system);
            if (_insertSystem.ExecuteNonQuery() == 0)
            {
                return false;
            }

            long hour = timestamp - (timestamp % 3600);
            if (hour > _stagedFrom)
            {
                _moveStaged.Parameters[0].Value = hour;
                _moveStaged.ExecuteNonQuery();
            }

            foreach (UserMetricsRow user in users)
            {
                BindUser(timestamp, user);
                _insertUser.ExecuteNonQuery();
            }

            transaction.Commit();
            _stagedFrom = Math.Max(_stagedFrom, hour);
            return true;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Wrap("writing the check", ex);
        }
    }

    public void Dispose()
    {
        _insertSystem.Dispose();
        _insertUser.Dispose();
        _moveStaged.Dispose();
    }

    /// <summary>Seconds as stored: milliseconds, rounded; never negative.</summary>
    internal static long ToMilliseconds(double seconds) => double.IsFinite(seconds) && seconds > 0 ? (long)Math.Round(seconds * 1000) : 0;

    /// <summary>A percentage as stored: hundredths of a percent, rounded.</summary>
    internal static long ToPctX100(double percent) => double.IsFinite(percent) ? (long)Math.Round(percent * 100) : 0;

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void PrepareOnce()
    {
        if (!_prepared)
        {
            _insertSystem.Prepare();
            _insertUser.Prepare();
            _moveStaged.Prepare();
            _prepared = true;
        }
    }

    private void BindSystem(long timestamp, SystemMetricsRow row)
    {
        SqliteParameterCollection p = _insertSystem.Parameters;
        p[0].Value = timestamp;
        p[1].Value = ToPctX100(row.CpuAvgPercent);
        p[2].Value = ToPctX100(row.CpuPeakPercent);
        p[3].Value = ToPctX100(row.MemoryAvgPercent);
        p[4].Value = ToPctX100(row.MemoryPeakPercent);
        p[5].Value = ToPctX100(row.DiskPercent);
        p[6].Value = row.NetworkRxBytesPerSec;
        p[7].Value = row.NetworkTxBytesPerSec;
        p[8].Value = row.LoadAvg1;
        p[9].Value = row.LoadAvg5;
        p[10].Value = row.LoadAvg15;
        p[11].Value = ToMilliseconds(row.WindowSeconds);
        p[12].Value = ToMilliseconds(row.CpuCapacitySeconds);
        p[13].Value = row.ProcessesStarted;
        p[14].Value = ToMilliseconds(row.PressureSeconds);
        p[15].Value = ToMilliseconds(row.CpuSomeStallSeconds);
        p[16].Value = ToMilliseconds(row.CpuFullStallSeconds);
        p[17].Value = ToMilliseconds(row.MemorySomeStallSeconds);
        p[18].Value = ToMilliseconds(row.MemoryFullStallSeconds);
        p[19].Value = ToMilliseconds(row.IoSomeStallSeconds);
        p[20].Value = ToMilliseconds(row.IoFullStallSeconds);
    }

    private void BindUser(long timestamp, UserMetricsRow row)
    {
        SqliteParameterCollection p = _insertUser.Parameters;
        p[0].Value = row.Username;
        p[1].Value = timestamp;
        p[2].Value = ToPctX100(row.CpuAvgPercent);
        p[3].Value = ToPctX100(row.CpuPeakPercent);
        p[4].Value = ToPctX100(row.MemoryAvgPercent);
        p[5].Value = ToPctX100(row.MemoryPeakPercent);
        p[6].Value = row.RssBytes;
        p[7].Value = row.ProcessCount;
        p[8].Value = (object?)PidListCodec.Encode(row.Pids) ?? DBNull.Value;
        p[9].Value = ToMilliseconds(row.CpuSeconds);
        p[10].Value = ToMilliseconds(row.ExitedCpuSeconds);
        p[11].Value = row.DiskReadBytes;
        p[12].Value = row.DiskWriteBytes;
        p[13].Value = row.NewProcesses;
        p[14].Value = row.CpuFromSlice ? 1 : 0;
    }
}
