using Microsoft.Data.Sqlite;
using SysMedic.Core.Storage;

namespace SysMedic.Bench.Storage;

/// <summary>
/// Fills a database with one check a minute, in time order as the agent writes them (so the B-trees get the
/// same page layout), but in large transactions with synchronous=OFF so 4.3 million rows take seconds, not hours.
/// Values are random with two decimals, which compresses worse than real idle users: a pessimistic size.
/// </summary>
internal sealed class DataBuilder(string path, int users, Random random)
{
    private const int ChecksPerTransaction = 1440;

    public static string UserName(int index) => "user" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A new file at schema version 2, before the hourly rollups: the bulk build fills the raw tables and the
    /// upgrade to the latest version then sums the rollups, exactly as an existing installation is upgraded.
    /// </summary>
    public static void CreateBeforeRollups(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL");
        foreach (Migration migration in Migrations.All.Where(m => m.Version <= 2))
        {
            Execute(connection, migration.Sql);
            Execute(connection, "PRAGMA user_version = " + migration.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void Build(DateTimeOffset start, int minutes)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA synchronous = OFF");
        using var system = Prepare(connection, "INSERT INTO system_metrics VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)", 11);
        using var user = Prepare(connection, "INSERT INTO user_metrics VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)", 9);
        int[][] pids = Enumerable.Range(0, users).Select(_ => NewPids()).ToArray();
        SqliteTransaction? transaction = null;
        for (int minute = 0; minute < minutes; minute++)
        {
            if (minute % ChecksPerTransaction == 0)
            {
                transaction?.Commit();
                transaction?.Dispose();
                transaction = connection.BeginTransaction();
                system.Transaction = transaction;
                user.Transaction = transaction;
            }

            long timestamp = start.AddMinutes(minute).ToUnixTimeSeconds();
            BindSystem(system, timestamp);
            system.ExecuteNonQuery();
            for (int u = 0; u < users; u++)
            {
                if (random.Next(60) == 0)
                {
                    pids[u] = NewPids();
                }

                BindUser(user, UserName(u), timestamp, pids[u]);
                user.ExecuteNonQuery();
            }
        }

        transaction?.Commit();
        transaction?.Dispose();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /// <summary>A user's check as the agent would hand it over.</summary>
    public UserMetricsRow UserRow(int index) => new(
        UserName(index), Percent(25), Percent(60), Percent(10), Percent(12), random.NextInt64(1L << 20, 8L << 30),
        random.Next(1, 40), NewPids());

    public SystemMetricsRow SystemRow(DateTimeOffset at) => new(
        at, Percent(60), Percent(100), Percent(70), Percent(80), Percent(90), random.Next(1 << 24), random.Next(1 << 22),
        Percent(4), Percent(4), Percent(4));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return command;
    }

    private double Percent(int max) => Math.Round(random.NextDouble() * max, 2);

    private int[] NewPids() => Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(300, 4_194_304)).ToArray();

    private void BindSystem(SqliteCommand command, long timestamp)
    {
        SystemMetricsRow row = SystemRow(DateTimeOffset.FromUnixTimeSeconds(timestamp));
        object[] values =
        [
            timestamp, Pct(row.CpuAvgPercent), Pct(row.CpuPeakPercent), Pct(row.MemoryAvgPercent), Pct(row.MemoryPeakPercent),
            Pct(row.DiskPercent), row.NetworkRxBytesPerSec, row.NetworkTxBytesPerSec, row.LoadAvg1, row.LoadAvg5, row.LoadAvg15,
        ];
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private void BindUser(SqliteCommand command, string name, long timestamp, int[] pids)
    {
        UserMetricsRow row = UserRow(0) with { Pids = pids };
        object[] values =
        [
            name, timestamp, Pct(row.CpuAvgPercent), Pct(row.CpuPeakPercent), Pct(row.MemoryAvgPercent),
            Pct(row.MemoryPeakPercent), row.RssBytes, row.ProcessCount, (object?)PidListCodec.Encode(row.Pids) ?? DBNull.Value,
        ];
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private static long Pct(double percent) => (long)Math.Round(percent * 100);
}
