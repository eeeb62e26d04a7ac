using Microsoft.Extensions.Logging;
using SysMedic.Agent.Delivery;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Alerts;
using SysMedic.Core.Config;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Doctor;

/// <summary>
/// The doctor's heartbeat. Every live interval: a snapshot, published to local clients. Every check interval: the
/// window's averages and peaks stored, the persistent-user tracker and the alert engine run, alerts stored and
/// handed on. A failing step is logged and the loop goes on; storage trouble never stops monitoring.
/// </summary>
public sealed partial class MonitoringLoop : IDisposable
{
    private readonly DoctorState _state;
    private readonly Sampler _sampler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly StorageHealth _health;
    private readonly CheckWindow _window = new();
    private readonly AlertEngine _engine;
    private PersistentUserTracker _tracker = new();
    private SysMedicDatabase? _db;
    private DateTimeOffset _nextCheck;
    private DateTimeOffset _nextCleanup;
    private DateTimeOffset _nextOpenAttempt;

    /// <summary>A loop sampling with <paramref name="sampler"/> into <paramref name="state"/>.</summary>
    public MonitoringLoop(DoctorState state, Sampler sampler, ILogger logger, TimeProvider time)
    {
        _state = state;
        _sampler = sampler;
        _logger = logger;
        _time = time;
        _health = new StorageHealth(logger, time);
        _engine = new AlertEngine(sampler.Options.Hostname);
        _nextCheck = time.GetUtcNow() + CheckInterval;
        _nextCleanup = time.GetUtcNow() + TimeSpan.FromMinutes(5);
    }

    /// <summary>Called (on the loop's thread) once storage is open and whenever deliveries were queued: wakes the delivery worker.</summary>
    public Action? Queued { get; init; }

    /// <summary>Where snapshots and alerts are published (none in tests).</summary>
    public LocalSocketServer? Server { get; set; }

    /// <summary>The database the loop writes to, once it could be opened.</summary>
    public SysMedicDatabase? Database => _db;

    // Between the priming reading and the first one published: long enough for rates to mean something.
    private static readonly TimeSpan FirstReadingGap = TimeSpan.FromMilliseconds(250);

    private TimeSpan CheckInterval => TimeSpan.FromSeconds(_state.Config.Monitoring.CheckInterval);

    private TimeSpan LiveInterval => TimeSpan.FromSeconds(_state.Config.Monitoring.LiveInterval);

    /// <summary>
    /// Time between samples: <c>live_interval</c> while a console, or the relay with a remote console on it, is
    /// attached; with nobody watching,
    /// a sixth of the check interval (at most <see cref="IdleSampleInterval"/>, never less than the live interval).
    /// A window's CPU averages are exact either way (the kernel's counters cover the whole time between samples);
    /// only peaks are seen with less detail, and reading /proc every 2 s costs more than the agent should when
    /// nobody looks.
    /// </summary>
    public TimeSpan SampleInterval
    {
        get
        {
            if (Server is { WatchingCount: > 0 })
            {
                return LiveInterval;
            }

            TimeSpan idle = TimeSpan.FromSeconds(Math.Min(IdleSampleInterval.TotalSeconds, _state.Config.Monitoring.CheckInterval / 6.0));
            return idle > LiveInterval ? idle : LiveInterval;
        }
    }

    /// <summary>The longest time between samples when nobody is attached.</summary>
    public static readonly TimeSpan IdleSampleInterval = TimeSpan.FromSeconds(10);

    /// <summary>Opens the database (or tries again later) and restores what a restart must continue.</summary>
    public void OpenStorage()
    {
        SysMedicConfig config = _state.Config;
        try
        {
            Directory.CreateDirectory(config.DataPath);
            _db = SysMedicDatabase.Open(config.DatabasePath(), _time, _logger);
            DateTimeOffset now = _time.GetUtcNow();
            _tracker = new PersistentUserTracker(_db.PersistentUsers.LoadOpen().Select(r => r.ToEpisode(now, config.UserPersistentTime())).OfType<UserEpisode>());
            RestoreRecentAlerts(_db, now);
            _state.Episodes = [.. _tracker.Open];
            _state.UnresolvedAlerts = _db.Alerts.List(new AlertFilter { Limit = 10_000 }).Count;
            LogStorageOpened(_db.Path, _tracker.Open.Count);
            Queued?.Invoke();
        }
        catch (Exception ex) when (ex is StorageException or IOException or UnauthorizedAccessException)
        {
            _db = null;
            _nextOpenAttempt = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
            LogStorageUnavailable(config.DatabasePath(), ex.Message);
        }
    }

    /// <summary>Runs until <paramref name="stop"/>; the check in progress is finished first.</summary>
    public async Task RunAsync(Action? heartbeat, CancellationToken stop)
    {
        // Rates (CPU, I/O, network) need two readings: the first only primes the sampler, so a 0% that never was
        // is neither published nor stored (a slow start could otherwise close the first check on it alone).
        try
        {
            _ = _sampler.Sample();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogSampleFailed(ex.Message);
        }

        await Task.Delay(FirstReadingGap, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (!stop.IsCancellationRequested)
        {
            long started = _time.GetTimestamp();
            try
            {
                Tick();
            }
#pragma warning disable CA1031 // The agent's heartbeat: whatever one pass throws is logged, and the next pass runs.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPassFailed(ex);
            }

            heartbeat?.Invoke();
            await WaitForNextSampleAsync(started, stop);
        }

        // A last check so the window since the previous one is not lost.
        if (_window.Count > 0)
        {
            Check();
        }
    }

    private async Task WaitForNextSampleAsync(long started, CancellationToken stop)
    {
        // Waits in live-interval steps, so a console that attaches gets live snapshots within one live interval.
        while (!stop.IsCancellationRequested)
        {
            TimeSpan left = SampleInterval - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            TimeSpan step = left < LiveInterval ? left : LiveInterval;
            await Task.Delay(step, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One live sample, and the check when it is due; true when a check ran.</summary>
    public bool Tick()
    {
        try
        {
            _sampler.Options = _state.Config.ToSamplerOptions(_sampler.Options);
            Snapshot snapshot = _sampler.Sample(_tracker.PersistentUserCount);
            _window.Add(snapshot);
            _ = _state.Publish(snapshot);
            if (Server is { ClientCount: > 0 } server)
            {
                server.BroadcastLine(_state.LatestJson!);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogSampleFailed(ex.Message);
        }

        if (_time.GetUtcNow() >= _nextCheck)
        {
            DateTimeOffset now = _time.GetUtcNow();
            _nextCheck = _nextCheck + CheckInterval > now ? _nextCheck + CheckInterval : now + CheckInterval;
            Check();
            return true;
        }

        return false;
    }

    /// <summary>Stores the window, judges it, raises alerts; each part on its own so one failure spares the others.</summary>
    public void Check()
    {
        SysMedicConfig config = _state.Config;
        WindowSummary? summary = _window.Close(config.UserFiltering.ToUserFilter());
        if (summary is null)
        {
            return;
        }

        if (_db is null && _time.GetUtcNow() >= _nextOpenAttempt)
        {
            OpenStorage();
        }

        Store("writing the check", db => db.Metrics.WriteCheck(summary.ToRow(), summary.ToUserRows()));
        Thresholds thresholds = config.ToThresholds();
        TrackerUpdate update = _tracker.Update(summary, thresholds, config.UserPersistentTime());
        _state.Episodes = update.Open;
        Store("recording persistent users", db =>
        {
            foreach (UserEpisode e in update.Open)
            {
                db.PersistentUsers.UpsertOpen(e.ToRecord(summary.End));
            }

            foreach (UserEpisode e in update.Ended)
            {
                db.PersistentUsers.Resolve(e.Username, e.Metric.ToKey(), summary.End);
            }
        });

        foreach (UserEpisode e in update.BecamePersistent)
        {
            LogPersistent(e.Username, e.Metric.ToDisplay(), e.StartTime);
        }

        var alerts = _engine.Evaluate(new AlertInput(summary, update, thresholds, TimeSpan.FromMinutes(config.Alerts.SuppressMinutes)));
        foreach (RaisedAlert alert in alerts)
        {
            Raise(alert);
        }

        _state.LastCheck = summary.End;
        if (_time.GetUtcNow() >= _nextCleanup)
        {
            _nextCleanup = _time.GetUtcNow() + TimeSpan.FromDays(1);
            Store("deleting old history", db =>
            {
                RetentionResult r = db.Maintenance.Cleanup(config.DatabaseRetentionDays);
                LogRetention(r.ToString());
            });
        }
    }

    private void Raise(RaisedAlert alert)
    {
        long id = 0;
        Store("storing an alert", db => id = db.Alerts.Insert(alert.ToRecord()));
        if (alert.Type != AlertType.Recovery)
        {
            _state.UnresolvedAlerts++;
        }

        LogAlert(alert.Severity.ToKey().ToUpperInvariant(), alert.Type.ToKey(), id, alert.Message);
        Server?.BroadcastEvent(new AlertMessage(AlertMessage.Raised, (alert.ToRecord() with { Id = id }).ToInfo()));
        if (Store("queueing alert delivery", db => AlertDelivery.Enqueue(db.Outbox, id, alert, _state.Config, _sampler.Options.Hostname)))
        {
            Queued?.Invoke();
        }
    }

    /// <summary>What was raised within the suppress window before a restart is not raised again after it.</summary>
    private void RestoreRecentAlerts(SysMedicDatabase db, DateTimeOffset now)
    {
        DateTimeOffset since = now - TimeSpan.FromMinutes(_state.Config.Alerts.SuppressMinutes);
        var recent = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (AlertRecord a in db.Alerts.List(new AlertFilter { IncludeResolved = true, Since = since, Limit = 10_000 }))
        {
            if (a.Subject.Length > 0 && AlertText.ParseType(a.AlertType) is { } type && AlertText.ParseSeverity(a.Severity) is { } severity)
            {
                recent.Add(new(AlertEngine.KeyOf(type, a.Subject, severity), a.Timestamp));
            }
        }

        _engine.RestoreLastRaised(recent);
    }

    private bool Store(string what, Action<SysMedicDatabase> write) =>
        _db is { } db && _health.TryWrite(what, () => write(db));

    public void Dispose()
    {
        _db?.Dispose();
        _db = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "history database {Path} open; {Open} open episodes restored")]
    private partial void LogStorageOpened(string path, int open);

    [LoggerMessage(Level = LogLevel.Error, Message = "history database {Path} cannot be opened: {Reason}; monitoring goes on, retrying in a minute")]
    private partial void LogStorageUnavailable(string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "a monitoring pass failed; the next one runs as planned")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a sample failed: {Reason}")]
    private partial void LogSampleFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Severity} {Type} #{Id}: {Message}")]
    private partial void LogAlert(string severity, string type, long id, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} is persistent on {Metric} since {Since:u}")]
    private partial void LogPersistent(string user, string metric, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Information, Message = "retention: {Result}")]
    private partial void LogRetention(string result);
}
