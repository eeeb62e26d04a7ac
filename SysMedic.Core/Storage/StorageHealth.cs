using Microsoft.Extensions.Logging;

namespace SysMedic.Core.Storage;

/// <summary>
/// Keeps storage trouble from stopping monitoring: runs writes, turns a <see cref="StorageException"/> into
/// <c>false</c>, logs the first failure of an episode once (not every check) and logs again when writing resumes.
/// </summary>
public sealed class StorageHealth
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>A tracker that logs to <paramref name="logger"/>.</summary>
    public StorageHealth(ILogger logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
    }

    /// <summary>Whether the last write succeeded (true before any write).</summary>
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
        try
        {
            write();
        }
        catch (StorageException ex)
        {
            OnFailure(what, ex);
            return false;
        }

        OnSuccess();
        return true;
    }

    private void OnFailure(string what, StorageException ex)
    {
        FailedWrites++;
        if (FailingSince is not null)
        {
            return;
        }

        FailingSince = _time.GetUtcNow();
        FailureKind = ex.Kind;
        if (_logger.IsEnabled(LogLevel.Error))
        {
            _logger.LogError(ex, "Storage is not writable ({Kind}) while {What}: {Message}. Monitoring and alerts go on; history is not recorded until writing works again.", ex.Kind, what, ex.Message);
        }
    }

    private void OnSuccess()
    {
        if (FailingSince is not { } since)
        {
            return;
        }

        if (_logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning("Storage writes resumed after {Count} failed writes since {Since:o} ({Kind})", FailedWrites, since, FailureKind);
        }

        FailingSince = null;
        FailureKind = null;
        FailedWrites = 0;
    }
}
