using Microsoft.Extensions.Logging;
using SysMedic.Core.Alerts;
using SysMedic.Core.Protocol;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Doctor;

/// <summary>
/// The monitoring loop's side of the history database. It opens the database (and tries again every minute when it
/// cannot), runs writes so a failure is logged once and never stops monitoring, and keeps the alerts it could not
/// store: up to <see cref="MaxUnstoredAlerts"/> in memory, stored and queued for delivery in the order they were
/// raised, together with the alert engine's conditions, as soon as the database takes writes again.
/// </summary>
public sealed partial class DoctorStorage : IDisposable
{
    /// <summary>Alerts kept in memory while storage is unavailable; beyond that the oldest are dropped (and counted).</summary>
    public const int MaxUnstoredAlerts = 1000;

    private static readonly TimeSpan ReopenEvery = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly StorageHealth _health;
    private readonly Queue<Alert> _unstored = new();
    private IReadOnlyList<AlertCondition>? _storedConditions;
    private SysMedicDatabase? _db;
    private DateTimeOffset _nextOpenAttempt;
    private (DateTimeOffset Since, string Reason)? _openFailure;
    private long _dropped;

    /// <summary>Storage for the database file at <paramref name="path"/>.</summary>
    public DoctorStorage(string path, ILogger logger, TimeProvider time)
    {
        _path = path;
        _logger = logger;
        _time = time;
        _health = new StorageHealth(logger, time, path);
    }

    /// <summary>The open database, or null while it cannot be opened.</summary>
    public SysMedicDatabase? Database => _db;

    /// <summary>Alerts raised that are not stored yet.</summary>
    public int UnstoredAlerts => _unstored.Count;

    /// <summary>Whether storage works now, and if not since when and why.</summary>
    public StorageInfo Status
    {
        get
        {
            if (_openFailure is { } failure)
            {
                return new StorageInfo(false, failure.Since, failure.Reason, _unstored.Count);
            }

            return _health.FailingSince is { } since
                ? new StorageInfo(false, since, _health.FailureKind is { } kind ? StorageHealth.Describe(kind) : null, _unstored.Count)
                : _unstored.Count > 0 ? new StorageInfo(false, null, "alerts waiting to be stored", _unstored.Count) : StorageInfo.Ok;
        }
    }

    /// <summary>Opens the database now; false (logged, retried later by <see cref="Reopen"/>) when it cannot.</summary>
    public bool Open()
    {
        try
        {
            _db = SysMedicDatabase.Open(_path, _time, _logger);
            _openFailure = null;
            _health.Settle();
            return true;
        }
        catch (StorageException ex)
        {
            _db = null;
            _nextOpenAttempt = _time.GetUtcNow() + ReopenEvery;
            if (_openFailure is null)
            {
                _openFailure = (_time.GetUtcNow(), ex.Kind is StorageFailureKind.Other ? "cannot be opened" : StorageHealth.Describe(ex.Kind));
                LogCannotOpen(_path, ex.Message);
            }

            return false;
        }
    }

    /// <summary>Tries to open the database again when it is closed and a minute has passed; true when it just opened.</summary>
    public bool Reopen() => _db is null && _time.GetUtcNow() >= _nextOpenAttempt && Open();

    /// <summary>Runs <paramref name="write"/> on the database; false when it is closed or the write failed (logged once per episode).</summary>
    public bool Write(string what, Action<SysMedicDatabase> write) =>
        _db is { } db && _health.TryWrite(what, () => write(db));

    /// <summary>
    /// Stores <paramref name="raised"/> after the alerts still waiting, each with what <paramref name="enqueue"/>
    /// queues for delivery, and <paramref name="conditions"/> once every alert is stored: all in one transaction. On
    /// failure everything waits for the next call. Returns the alerts stored now (with their ids), oldest first.
    /// </summary>
    public IReadOnlyList<Alert> StoreAlerts(IReadOnlyList<Alert> raised, IReadOnlyList<AlertCondition> conditions, Action<SysMedicDatabase, Alert> enqueue)
    {
        ArgumentNullException.ThrowIfNull(raised);
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (Alert alert in raised)
        {
            Keep(alert);
        }

        bool conditionsChanged = _storedConditions is null || !_storedConditions.SequenceEqual(conditions);
        if (_unstored.Count == 0 && !conditionsChanged)
        {
            return [];
        }

        var stored = new List<Alert>(_unstored.Count);
        bool written = Write(_unstored.Count == 0 ? "storing alert conditions" : "storing alerts", db => db.InTransaction(() =>
        {
            stored.Clear();
            foreach (Alert alert in _unstored)
            {
                Alert withId = alert with { Id = db.Alerts.Insert(alert) };
                enqueue(db, withId);
                stored.Add(withId);
            }

            db.AlertConditions.Replace(conditions);
        }));
        if (!written)
        {
            return [];
        }

        if (_unstored.Count > 0 && (_health.FailingSince is not null || _dropped > 0))
        {
            LogKeptStored(_unstored.Count, _dropped);
        }

        _unstored.Clear();
        _dropped = 0;
        _storedConditions = conditions;
        return stored;
    }

    /// <summary>The engine's conditions as stored (none before the database is open).</summary>
    public IReadOnlyList<AlertCondition> LoadConditions()
    {
        if (_db is null)
        {
            return [];
        }

        _storedConditions = _db.AlertConditions.Load();
        return _storedConditions;
    }

    /// <summary>Alerts not resolved yet, those stored and those waiting to be; null when the database cannot say.</summary>
    public int? CountUnresolved()
    {
        try
        {
            return _db is { } db ? db.Alerts.CountUnresolved() + _unstored.Count : null;
        }
        catch (StorageException)
        {
            // Reading failed as well; the write path reports the episode.
            return null;
        }
    }

    /// <summary>Ends a check's round of writes (see <see cref="StorageHealth.Settle"/>).</summary>
    public void Settle() => _health.Settle();

    public void Dispose()
    {
        _db?.Dispose();
        _db = null;
    }

    private void Keep(Alert alert)
    {
        if (_unstored.Count >= MaxUnstoredAlerts)
        {
            _unstored.Dequeue();
            if (_dropped++ == 0)
            {
                LogDropping(MaxUnstoredAlerts);
            }
        }

        _unstored.Enqueue(alert);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "history database {Path} cannot be opened: {Reason}; monitoring goes on, retrying every minute")]
    private partial void LogCannotOpen(string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Max} alerts are waiting for storage: from now on the oldest is dropped for each new one")]
    private partial void LogDropping(int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} alerts kept while storage was unavailable are stored and queued for delivery ({Dropped} dropped)")]
    private partial void LogKeptStored(int count, long dropped);
}
