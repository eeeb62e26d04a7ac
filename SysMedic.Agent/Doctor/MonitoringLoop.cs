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
/// window's averages and peaks stored, the persistent-user tracker and the alert engine run, alerts stored and handed
/// to the delivery worker. Its only job is to sample, check and publish on time: it never waits on the network, a
/// failing step is logged and the loop goes on, and storage trouble (a full disk) keeps alerts in memory until they
/// can be stored.
/// </summary>
public sealed partial class MonitoringLoop : IDisposable
{
    private readonly DoctorState _state;
    private readonly Sampler _sampler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DoctorStorage _storage;
    private readonly CheckWindow _window = new();
    private readonly ProcessWindow _processes = new();
    private readonly AlertEngine _engine;
    private PersistentUserTracker _tracker = new();
    private DateTimeOffset _nextCheck;
    private DateTimeOffset _nextCleanup;
    private bool _checked;
    private long _unstoredId;

    /// <summary>A loop sampling with <paramref name="sampler"/> into <paramref name="state"/>.</summary>
    public MonitoringLoop(DoctorState state, Sampler sampler, ILogger logger, TimeProvider time)
    {
        _state = state;
        _sampler = sampler;
        _logger = logger;
        _time = time;
        _storage = new DoctorStorage(state.Config.DatabasePath(), logger, time);
        _engine = new AlertEngine(sampler.Options.Hostname);
        _nextCheck = time.GetUtcNow() + CheckInterval;
        _nextCleanup = time.GetUtcNow() + TimeSpan.FromMinutes(5);
    }

    /// <summary>Called (on the loop's thread) once storage is open and whenever deliveries were queued: wakes the delivery worker.</summary>
    public Action? Queued { get; init; }

    /// <summary>Where snapshots and alerts are published (none in tests).</summary>
    public LocalSocketServer? Server { get; set; }

    /// <summary>The database the loop writes to, once it could be opened.</summary>
    public SysMedicDatabase? Database => _storage.Database;

    /// <summary>Checks run since the start.</summary>
    public long Checks { get; private set; }

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
        if (_storage.Open())
        {
            Opened();
        }

        _state.Storage = _storage.Status;
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

            // The watchdog's ping: the sampling loop is alive (delivery has its own worker and says nothing here).
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
            _processes.Add(snapshot);
            _state.UnresolvedAlerts = _storage.CountUnresolved() ?? _state.UnresolvedAlerts;
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

        if (_storage.Reopen())
        {
            Opened();
        }

        _storage.Write("writing the check", db => db.Metrics.WriteCheck(summary.ToRow(), summary.ToUserRows()));
        Thresholds thresholds = config.ToThresholds();
        TrackerUpdate update = _tracker.Update(summary, thresholds, config.UserPersistentTime());
        _state.Episodes = update.Open;
        StoreEpisodes(update, summary.End);
        RecordMoment(summary, update, thresholds, config.Storage.ProcessesPerCheck);
        foreach (UserEpisode e in update.BecamePersistent)
        {
            LogPersistent(e.Username, e.Metric.ToDisplay(), e.StartTime);
        }

        var input = new AlertInput(summary, update, thresholds, TimeSpan.FromMinutes(config.Alerts.SuppressMinutes)) { Clearing = config.Alerts.ToClearing(), MemoryPressure = config.Monitoring.ToMemoryPressureRule() };
        Raise(_engine.Evaluate(input));
        _checked = true;
        Checks++;
        _state.LastCheck = summary.End;
        if (_time.GetUtcNow() >= _nextCleanup)
        {
            _nextCleanup = _time.GetUtcNow() + TimeSpan.FromDays(1);
            _storage.Write("deleting old history", db => LogRetention(db.Maintenance.Cleanup(config.DatabaseRetentionDays).ToString()));
        }

        _storage.Settle();
        _state.Storage = _storage.Status;
        _state.UnresolvedAlerts = _storage.CountUnresolved() ?? _state.UnresolvedAlerts;
    }

    // What was running: the busiest processes over the window, and those of every user over a threshold or persistent.
    private void RecordMoment(WindowSummary summary, TrackerUpdate update, Thresholds thresholds, int perMetric)
    {
        var watched = new HashSet<string>(update.Open.Select(e => e.Username), StringComparer.Ordinal);
        foreach (UserWindow u in summary.Users)
        {
            Core.Health.UserThreshold t = thresholds.For(u.Username);
            if (u.CpuPercent.Average > t.CpuPercent || u.MemoryPercent.Average > t.MemoryPercent)
            {
                watched.Add(u.Username);
            }
        }

        IReadOnlyList<RecordedProcess> processes = _processes.Close(summary, perMetric, watched.Contains);
        SystemUsage last = summary.Last.System;
        var moment = new MomentHeader(summary.End, summary.End - summary.Start, summary.Last.Status, last.MemoryUsedBytes, last.MemoryTotalBytes, last.UptimeSeconds, last.CpuCount, summary.Last.Processes.Count);
        _storage.Write("recording processes", db => db.Moments.Record(moment, processes));
    }

    private void StoreEpisodes(TrackerUpdate update, DateTimeOffset end)
    {
        if (update.Open.Count == 0 && update.Ended.Count == 0)
        {
            return;
        }

        _storage.Write("recording persistent users", db => db.InTransaction(() =>
        {
            foreach (UserEpisode e in update.Open)
            {
                db.PersistentUsers.UpsertOpen(e.ToRecord(end));
            }

            foreach (UserEpisode e in update.Ended)
            {
                db.PersistentUsers.Resolve(e.Username, e.Metric.ToKey(), end);
            }
        }));
    }

    // Alerts are logged and pushed to consoles at once; stored and queued for delivery with those still waiting, in
    // order, when storage takes them (pushed again then, with their ids).
    private void Raise(IReadOnlyList<Alert> raised)
    {
        foreach (Alert alert in raised)
        {
            LogAlert(alert.Severity.ToKey().ToUpperInvariant(), alert.Type.ToKey(), alert.Message);
        }

        SysMedicConfig config = _state.Config;
        string host = _sampler.Options.Hostname;
        IReadOnlyList<Alert> stored = _storage.StoreAlerts(raised, _engine.Conditions, (db, alert) => AlertDelivery.Enqueue(db.Outbox, alert.Id, alert, config, host));
        if (stored.Count > 0)
        {
            Queued?.Invoke();
        }

        foreach (Alert alert in stored)
        {
            Push(alert);
        }

        if (stored.Count == 0)
        {
            foreach (Alert alert in raised)
            {
                // Not stored yet: consoles see it now under a provisional negative id, replaced once it is stored.
                Push(alert with { Id = --_unstoredId });
            }
        }
    }

    private void Push(Alert alert) => Server?.BroadcastEvent(new AlertMessage(AlertMessage.Raised, AlertInfo.From(alert)));

    // First open: continue what the previous run was tracking. A later open (after an outage) keeps the newer state
    // in memory; the conditions are then stored with the next alerts.
    private void Opened()
    {
        SysMedicDatabase db = _storage.Database!;
        if (!_checked)
        {
            try
            {
                DateTimeOffset now = _time.GetUtcNow();
                SysMedicConfig config = _state.Config;
                _tracker = new PersistentUserTracker(db.PersistentUsers.LoadOpen().Select(r => r.ToEpisode(now, config.UserPersistentTime())).OfType<UserEpisode>());
                _engine.Restore(_storage.LoadConditions());
                RestoreRecentAlerts(db, now);
                _state.Episodes = [.. _tracker.Open];
            }
            catch (StorageException ex)
            {
                LogRestoreFailed(ex.Message);
            }
        }

        LogStorageOpened(db.Path, _tracker.Open.Count, _engine.Conditions.Count);
        Queued?.Invoke();
    }

    /// <summary>What was raised within the suppress window before a restart is not raised again after it.</summary>
    private void RestoreRecentAlerts(SysMedicDatabase db, DateTimeOffset now)
    {
        DateTimeOffset since = now - TimeSpan.FromMinutes(_state.Config.Alerts.SuppressMinutes);
        _engine.RestoreLastRaised(db.Alerts.List(new AlertFilter { IncludeResolved = true, Since = since, Limit = 10_000 })
            .Where(a => a.Subject.Length > 0)
            .Select(a => new KeyValuePair<string, DateTimeOffset>(AlertEngine.KeyOf(a.Type, a.Subject, a.Severity), a.Timestamp)));
    }

    public void Dispose() => _storage.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "history database {Path} open; {Open} open episodes and {Conditions} alert conditions restored")]
    private partial void LogStorageOpened(string path, int open, int conditions);

    [LoggerMessage(Level = LogLevel.Error, Message = "what the previous run was tracking could not be read: {Reason}; starting afresh")]
    private partial void LogRestoreFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "a monitoring pass failed; the next one runs as planned")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a sample failed: {Reason}")]
    private partial void LogSampleFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Severity} {Type}: {Message}")]
    private partial void LogAlert(string severity, string type, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} is persistent on {Metric} since {Since:u}")]
    private partial void LogPersistent(string user, string metric, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Information, Message = "retention: {Result}")]
    private partial void LogRetention(string result);
}
