using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>Maps SQLite's primary result codes to <see cref="StorageFailureKind"/> and wraps exceptions once.</summary>
internal static class SqliteErrors
{
    // Primary result codes from sqlite3.h; extended codes carry them in the low byte.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Perm = 3;
    private const int NotADb = 26;

    /// <summary>The kind of failure an SQLite error code stands for.</summary>
    public static StorageFailureKind KindOf(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) switch
    {
        Full => StorageFailureKind.DiskFull,
        ReadOnly or CantOpen or Perm => StorageFailureKind.ReadOnly,
        Busy or Locked => StorageFailureKind.Busy,
        Corrupt or NotADb => StorageFailureKind.Corrupt,
        IoErr => StorageFailureKind.IoError,
        _ => StorageFailureKind.Other,
    };

    /// <summary>A typed exception for <paramref name="what"/> that failed with <paramref name="ex"/>.</summary>
    public static StorageException Wrap(string what, SqliteException ex)
    {
        StorageFailureKind kind = KindOf(ex);
        return new StorageException(kind, $"{what} failed ({StorageHealth.Describe(kind)}): {ex.Message}", ex);
    }

    /// <summary>Runs <paramref name="action"/>, turning an SQLite error into a <see cref="StorageException"/> about <paramref name="what"/>.</summary>
    public static T Guard<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw Wrap(what, ex);
        }
    }
}
