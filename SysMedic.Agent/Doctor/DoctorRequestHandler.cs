using System.Globalization;
using Microsoft.Extensions.Logging;
using SysMedic.Agent.Actions;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Config;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Doctor;

/// <summary>
/// Answers protocol requests for the doctor: history and alerts from the database, user detail from the live
/// snapshot, the configuration redacted; signals and renices with the rights of the client's uid. It has its own
/// database connection, used by one request at a time.
/// </summary>
public sealed class DoctorRequestHandler(DoctorState state, Func<SysMedicDatabase?> database, HelloMessage hello, ILogger logger, ProcessActions? actions = null) : IProtocolHandler
{
    private readonly ProcessActions _actions = actions ?? new ProcessActions();
    private const int MaxBuckets = 2_000;
    private readonly Lock _one = new();

    /// <summary>Raised after an alert was resolved through a request, to tell every client.</summary>
    public event Action<AlertInfo>? AlertResolved;

    public HelloMessage Hello() => hello;

    public string? LatestSnapshotJson() => state.LatestJson;

    public ValueTask<ProtocolMessage> HandleAsync(RequestMessage request, PeerCredentials peer, CancellationToken cancel) =>
        ValueTask.FromResult(Handle(request, peer));

    private ProtocolMessage Handle(RequestMessage request, PeerCredentials peer)
    {
        if (request is UserDetailRequest detail)
        {
            return UserDetail(detail);
        }

        if (request is SignalRequest or ReniceRequest)
        {
            return Act(request, peer);
        }

        if (request is ConfigRequest config)
        {
            return new ConfigResult(config.Id, ConfigDiff.Values(state.Config, redact: true).ToDictionary(v => v.Key.Path, v => v.Value, StringComparer.Ordinal));
        }

        lock (_one)
        {
            return HandleStored(request, peer);
        }
    }

    private ProtocolMessage HandleStored(RequestMessage request, PeerCredentials peer)
    {
        try
        {
            if (database() is not { } db)
            {
                return new ErrorMessage(request.Id, ErrorMessage.Unavailable, "the history database is not available (see the doctor's log)");
            }

            return request switch
            {
                HistoryRequest h => History(db, h),
                AlertsRequest a => new AlertsResult(a.Id, [.. db.Alerts.List(new AlertFilter { IncludeResolved = a.All, Limit = Math.Clamp(a.Limit, 1, 1000) }).Select(AlertInfo.From)]),
                ResolveAlertRequest r => Resolve(db, r, peer),
                MomentRequest m => Moment(db, m),
                _ => new ErrorMessage(request.Id, ErrorMessage.UnknownType, "unknown request"),
            };
        }
        catch (StorageException ex)
        {
            logger.LogWarning("request {Id}: {Message}", request.Id, ex.Message);
            return new ErrorMessage(request.Id, ErrorMessage.Unavailable, ex.Message);
        }
    }

    private static ProtocolMessage History(SysMedicDatabase db, HistoryRequest h)
    {
        if (h.RangeSeconds <= 0 || h.Buckets <= 0)
        {
            return new ErrorMessage(h.Id, ErrorMessage.BadRequest, "range_seconds and buckets must be positive");
        }

        DateTimeOffset to = DateTimeOffset.UtcNow;
        DateTimeOffset from = to - TimeSpan.FromSeconds(h.RangeSeconds);
        int buckets = Math.Min(h.Buckets, MaxBuckets);
        return h.Scope switch
        {
            HistoryRequest.SystemScope => new HistoryResult(h.Id, h.Scope, null, [.. db.History.System(from, to, buckets).Select(b => b.ToPoint())]),
            HistoryRequest.UserScope when !string.IsNullOrEmpty(h.User) => new HistoryResult(h.Id, h.Scope, h.User, [.. db.History.User(h.User, from, to, buckets).Select(b => b.ToPoint())]),
            _ => new ErrorMessage(h.Id, ErrorMessage.BadRequest, "scope is \"system\", or \"user\" with a user"),
        };
    }

    private ProtocolMessage Resolve(SysMedicDatabase db, ResolveAlertRequest r, PeerCredentials peer)
    {
        // Who resolved it: what the client says, and for a local peer the account it really runs as.
        string by = string.IsNullOrWhiteSpace(r.By) ? $"uid {peer.Uid}" : r.By.Trim();
        if (peer.Uid != uint.MaxValue && !by.Contains("uid", StringComparison.Ordinal) && peer.Uid != 0)
        {
            by = string.Create(CultureInfo.InvariantCulture, $"{by} (uid {peer.Uid})");
        }

        switch (db.Alerts.Resolve(r.AlertId, by, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim()))
        {
            case AlertResolveOutcome.NotFound:
                return new ErrorMessage(r.Id, ErrorMessage.NotFound, $"no alert {r.AlertId}");
            case AlertResolveOutcome.AlreadyResolved:
                Core.Alerts.Alert? done = db.Alerts.Get(r.AlertId);
                return new ErrorMessage(r.Id, ErrorMessage.BadRequest, $"alert {r.AlertId} was already resolved by {done?.ResolvedBy} at {done?.ResolvedAt:u}");
            default:
                AlertInfo info = AlertInfo.From(db.Alerts.Get(r.AlertId)!);
                logger.LogInformation("alert {Id} resolved by {By}: {Note}", r.AlertId, by, r.Note);
                AlertResolved?.Invoke(info);
                return new ResolveAlertResult(r.Id, info);
        }
    }

    private ProtocolMessage Moment(SysMedicDatabase db, MomentRequest m)
    {
        if (db.Moments.At(m.At, hello.Host) is not { } moment)
        {
            string why = db.Moments.First() is { } first
                ? string.Create(CultureInfo.InvariantCulture, $"nothing was recorded at or before {m.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; the first recorded moment is {first.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
                : "no moment is recorded yet";
            return new ErrorMessage(m.Id, ErrorMessage.NotFound, why);
        }

        return new MomentResult(m.Id, m.At, moment.At, moment.Window.TotalSeconds, moment.ProcessCount, moment.Snapshot);
    }

    private ProtocolMessage Act(RequestMessage request, PeerCredentials peer)
    {
        (int pid, string? remote, string what) = request switch
        {
            SignalRequest s => (s.Pid, s.Remote, "SIG" + s.Signal.ToUpperInvariant()),
            ReniceRequest r => (r.Pid, r.Remote, string.Create(CultureInfo.InvariantCulture, $"nice {r.Nice}")),
            _ => (0, null, ""),
        };
        string from = remote is null ? "" : $" for remote console {remote}";
        if (remote is not null && !state.Config.WebSocket.AllowActions)
        {
            logger.LogWarning("action refused: {What} to {Pid} asked by uid {Uid} (pid {PeerPid}){From}: websocket.allow_actions is false", what, pid, peer.Uid, peer.Pid, from);
            return new ErrorMessage(request.Id, ErrorMessage.Forbidden, "remote consoles may not act on processes here (websocket.allow_actions is false)");
        }

        if (peer.Uid == uint.MaxValue)
        {
            return new ErrorMessage(request.Id, ErrorMessage.NotPermitted, "the doctor cannot tell who is asking");
        }

        // Always the asker's rights, never the doctor's: the kernel's rules for the peer's uid are checked first.
        ActionOutcome outcome = request switch
        {
            SignalRequest s => _actions.Signal(s.Pid, s.Signal, peer.Uid),
            ReniceRequest r => _actions.Renice(r.Pid, r.Nice, peer.Uid),
            _ => default,
        };
        logger.LogInformation("action: {What} to {Pid} asked by uid {Uid} (pid {PeerPid}){From}: {Outcome}", what, pid, peer.Uid, peer.Pid, from, outcome.Ok ? "done" : outcome.Message);
        return (request, outcome.Failure) switch
        {
            (SignalRequest s, ActionFailure.None) => new SignalResult(s.Id, s.Pid, ProcessSignals.NameOf(ProcessSignals.Number(s.Signal) ?? 0), outcome.Name),
            (ReniceRequest r, ActionFailure.None) => new ReniceResult(r.Id, r.Pid, r.Nice, outcome.Name),
            (_, ActionFailure.NoSuchProcess) => new ErrorMessage(request.Id, ErrorMessage.NotFound, outcome.Message),
            (_, ActionFailure.NotPermitted) => new ErrorMessage(request.Id, ErrorMessage.NotPermitted, outcome.Message),
            _ => new ErrorMessage(request.Id, ErrorMessage.BadRequest, outcome.Message),
        };
    }

    private UserDetailResult UserDetail(UserDetailRequest u)
    {
        var processes = state.Latest?.Processes.Where(p => p.User == u.User).OrderByDescending(p => p.CpuPercent).ToList() ?? [];
        Thresholds thresholds = state.Config.ToThresholds();
        Core.Health.UserThreshold t = thresholds.For(u.User);
        var episodes = state.Episodes.Where(e => e.Username == u.User).Select(e => e.ToInfo()).ToList();
        return new UserDetailResult(u.Id, u.User, processes.FirstOrDefault()?.Uid, processes, new UserThresholdInfo(t.CpuPercent, t.MemoryPercent, thresholds.PerUser.ContainsKey(u.User)), episodes);
    }
}
