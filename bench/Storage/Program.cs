using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Bench.Storage;
using SysMedic.Core.Storage;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
BenchOptions options = BenchOptions.Parse(args);
string directory = Path.Combine(Path.GetTempPath(), "sysmedic-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(directory);
string path = options.KeepPath ?? Path.Combine(directory, "sysmedic.db");
var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
int minutes = options.Days * 24 * 60;
DateTimeOffset end = start.AddMinutes(minutes);
var random = new Random(20260101);
var builder = new DataBuilder(path, options.Users, random);

try
{
    Console.WriteLine($"SQLite {SqliteVersion()}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
    if (options.MomentsOnly)
    {
        MomentBench.Run(directory, options.Days);
        return;
    }

    DataBuilder.CreateBeforeRollups(path);
    long build = Stopwatch.GetTimestamp();
    builder.Build(start, minutes);
    long userRows = (long)minutes * options.Users;
    Console.WriteLine($"built {options.Days} days x {options.Users} users: {minutes:N0} system rows, {userRows:N0} user rows in {Stopwatch.GetElapsedTime(build).TotalSeconds:0.0} s");

    long fileBytes = new FileInfo(path).Length;
    Console.WriteLine($"file size {fileBytes / 1048576.0:0.0} MiB; {(double)fileBytes / userRows:0.0} bytes per user row counting the whole file (target < 150: {((double)fileBytes / userRows < 150 ? "OK" : "MISSED")})");

    long upgrade = Stopwatch.GetTimestamp();
    SysMedicDatabase.Open(path, TimeProvider.System, NullLogger.Instance).Dispose();
    Console.WriteLine($"first open: quick_check + upgrade to schema {Migrations.Latest} (hourly rollups summed from all rows): {Stopwatch.GetElapsedTime(upgrade).TotalSeconds:0.0} s");
    long open = Stopwatch.GetTimestamp();
    using var db = SysMedicDatabase.Open(path, TimeProvider.System, NullLogger.Instance);
    Console.WriteLine($"open with quick_check: {Stopwatch.GetElapsedTime(open).TotalMilliseconds:0} ms");
    fileBytes = new FileInfo(path).Length;
    Console.WriteLine($"file size with rollups {fileBytes / 1048576.0:0.0} MiB; {(double)fileBytes / userRows:0.0} bytes per user row counting the whole file (target < 150: {((double)fileBytes / userRows < 150 ? "OK" : "MISSED")})");

    using var referenceConnection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
    referenceConnection.Open();
    var countTimes = Measure.Times(50, () => Count(referenceConnection));
    double reference = Measure.Median(countTimes.Wall);
    Console.WriteLine($"reference: SELECT count(*) FROM system_metrics ({minutes:N0} rows) on an open connection: wall median {reference:0.000} ms, cpu median {Measure.Median(countTimes.Cpu):0.000} ms");
    var rawInsert = RawInserts(path);
    Console.WriteLine($"reference: one-row INSERT in its own transaction (WAL, synchronous=NORMAL): wall median {Measure.Median(rawInsert.Wall):0.000} ms, cpu median {Measure.Median(rawInsert.Cpu):0.000} ms");
    Console.WriteLine();

    int check = 0;
    Measure.Report($"insert one check (1 system + {options.Users} user rows)", Measure.Times(300, () =>
    {
        DateTimeOffset at = end.AddMinutes(check++);
        db.Metrics.WriteCheck(builder.SystemRow(at), Enumerable.Range(0, options.Users).Select(builder.UserRow).ToList());
    }), 5, reference);
    DateTimeOffset last = end.AddMinutes(check);
    var frames = new List<long>();
    for (int i = 0; i < 5; i++)
    {
        Checkpoint(path, "TRUNCATE");
        db.Metrics.WriteCheck(builder.SystemRow(last), Enumerable.Range(0, options.Users).Select(builder.UserRow).ToList());
        last = last.AddMinutes(1);
        frames.Add(Checkpoint(path, "PASSIVE"));
    }

    Console.WriteLine($"WAL pages (4 KiB) written by one check: {string.Join(", ", frames)} (staged rows, rollups, B-tree interior pages)");
    string someone = DataBuilder.UserName(options.Users / 2);
    Measure.Report($"24-hour chart, one user (300 buckets)", Measure.Times(50, () => db.History.User(someone, last.AddDays(-1), last, 300)), 20, reference);
    Measure.Report($"{options.Days}-day chart, one user (720 buckets)", Measure.Times(50, () => db.History.User(someone, last.AddDays(-options.Days), last, 720)), 20, reference);
    Measure.Report($"{options.Days}-day system chart (720 buckets)", Measure.Times(50, () => db.History.System(last.AddDays(-options.Days), last, 720)), 20, reference);
    Measure.Report($"top 10 users by CPU, last 24 hours", Measure.Times(20, () => db.History.TopUsers(last.AddDays(-1), last, 10)), 20, reference);
    Measure.Report($"top 10 users by CPU, last hour", Measure.Times(50, () => db.History.TopUsers(last.AddHours(-1), last, 10)), 20, reference);
    Measure.Report($"top 10 users by CPU, {options.Days} days", Measure.Times(3, () => db.History.TopUsers(last.AddDays(-options.Days), last, 10)), null, reference);
    Measure.Report("db stats (counts every table)", Measure.Times(3, () => db.Maintenance.Stats()), null, reference);
    Console.WriteLine();
    MomentBench.Run(directory, options.Days);
    Console.WriteLine($"load average at the end: {LoadAverage()}");
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

static string SqliteVersion()
{
    using var connection = new SqliteConnection("Data Source=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT sqlite_version()";
    return (string)command.ExecuteScalar()!;
}

static long Count(SqliteConnection connection)
{
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT count(*) FROM system_metrics";
    return (long)command.ExecuteScalar()!;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static long Checkpoint(string path, string mode)
{
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "PRAGMA wal_checkpoint(" + mode + ")";
    using var reader = command.ExecuteReader();
    reader.Read();
    return reader.GetInt64(1);
}

static (double[] Wall, double[] Cpu) RawInserts(string path)
{
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "PRAGMA synchronous = NORMAL";
    command.ExecuteNonQuery();
    command.CommandText = "CREATE TABLE IF NOT EXISTS bench_scratch (x INTEGER)";
    command.ExecuteNonQuery();
    command.CommandText = "INSERT INTO bench_scratch VALUES (1)";
    return Measure.Times(200, () => command.ExecuteNonQuery());
}
