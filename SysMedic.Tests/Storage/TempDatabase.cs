using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

/// <summary>A real database file in its own temporary directory, with a fake clock and a list logger.</summary>
internal sealed class TempDatabase : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public TempDatabase()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sysmedic-storage-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "sysmedic.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public ListLogger Logger { get; } = new();

    public SysMedicDatabase Open(StorageOptions? options = null) => SysMedicDatabase.Open(Path, Time, Logger, options);

    /// <summary>Runs raw SQL on the file through a separate connection.</summary>
    public object? Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
