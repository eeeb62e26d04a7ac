using Microsoft.Extensions.Logging;
using SysMedic.Core.Formatting;
using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Storage;

/// <summary>
/// Keeps storage trouble from stopping monitoring: runs writes, turns a <see cref="StorageException"/> into
/// <c>false</c>, and logs one line when a failure episode starts (why, the file, the free space) and one when it ends.
/// An episode ends at <see cref="Settle"/> after a round of writes (a check) in which some write succeeded and none
/// failed: on a nearly full disk a small write may still fit while the next one does not, and that is not "back".
/// </summary>
public sealed class StorageHealth
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _path;
    private int _succeeded;
    private int _failed;

    /// <summary>A tracker for the database at <paramref name="path"/> that logs to <paramref name="logger"/>.</summary>
    public StorageHealth(ILogger logger, TimeProvider time, string path = "")
    {
        _logger = logger;
        _time = time;
        _path = path;
    }

    /// <summary>Whether storage works (true before any write).</summary>
    public bool IsWriting => FailingSince is null;

    /// <summary>When the current failure episode began, or null while writes succeed.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>The cause of the current episode's first failure.</summary>
    public StorageFailureKind? FailureKind { get; private set; }

    /// <summary>Writes that failed in the current episode.</summary>
    public long FailedWrites { get; private set; }

    /// <summary>Runs <paramref name="write"/>; true if it succeeded, false (logged once per episode) if storage failed.</summary>
    public bool TryWrite(string what, Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            write();
        }
        catch (StorageException ex)
        {
            Fail(what, ex);
            return false;
        }

        _succeeded++;
        return true;
    }

    /// <summary>Records a failure that happened outside <see cref="TryWrite"/> (opening the database, say).</summary>
    public void Fail(string what, StorageException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        _failed++;
        FailedWrites++;
        if (FailingSince is not null)
        {
            return;
        }

        FailingSince = _time.GetUtcNow();
        FailureKind = ex.Kind;
        if (!_logger.IsEnabled(LogLevel.Error))
        {
            return;
        }

        string free = FreeSpace();
        if (ex.Kind is StorageFailureKind.Other or StorageFailureKind.Corrupt)
        {
            // Not a condition of the machine an operator fixes by freeing space or a mount: keep the trace.
            _logger.LogError(ex, "storage unavailable ({Kind}) while {What}: {Message}; {Free}; monitoring and alerts go on, alerts are kept in memory until it can be written", Describe(ex.Kind), what, ex.Message, free);
        }
        else
        {
            _logger.LogError("storage unavailable ({Kind}) while {What}: {Message}; {Free}; monitoring and alerts go on, alerts are kept in memory until it can be written", Describe(ex.Kind), what, ex.Message, free);
        }
    }

    /// <summary>Ends a round of writes: a failure episode is over when the round wrote something and nothing failed.</summary>
    public void Settle()
    {
        bool clean = _succeeded > 0 && _failed == 0;
        _succeeded = 0;
        _failed = 0;
        if (!clean || FailingSince is not { } since)
        {
            return;
        }

        if (_logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning("storage is writable again ({Path}) after {Count} failed writes since {Since:u} ({Kind})", _path, FailedWrites, since, FailureKind is { } kind ? Describe(kind) : "unknown");
        }

        FailingSince = null;
        FailureKind = null;
        FailedWrites = 0;
    }

    /// <summary>How a kind of failure is named to an operator: <c>disk full</c>, <c>read-only</c>, ...</summary>
    public static string Describe(StorageFailureKind kind) => kind switch
    {
        StorageFailureKind.DiskFull => "disk full",
        StorageFailureKind.ReadOnly => "read-only",
        StorageFailureKind.Busy => "database busy",
        StorageFailureKind.Corrupt => "database corrupt",
        StorageFailureKind.IoError => "I/O error",
        _ => "SQLite error",
    };

    private string FreeSpace()
    {
        string? directory = _path.Length == 0 ? null : Path.GetDirectoryName(Path.GetFullPath(_path));
        if (directory is null)
        {
            return "free space unknown";
        }

        DiskUsage disk = DiskUsage.Read(directory);
        return disk.TotalBytes == 0 ? $"free space of {directory} unknown" : $"{Units.Bytes(disk.AvailableBytes)} free of {Units.Bytes(disk.TotalBytes)} in {directory}";
    }
}
