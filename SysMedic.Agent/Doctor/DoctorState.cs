using SysMedic.Core.Config;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Agent.Doctor;

/// <summary>What the monitoring loop last saw, shared with the request handler (reads are lock-free snapshots).</summary>
public sealed class DoctorState(SysMedicConfig config)
{
    private volatile SysMedicConfig _config = config;
    private volatile Snapshot? _latest;
    private volatile SnapshotMessage? _latestMessage;
    private volatile string? _latestJson;
    private volatile IReadOnlyList<UserEpisode> _episodes = [];
    private volatile StorageInfo _storage = StorageInfo.Ok;
    private volatile int _unresolvedAlerts;

    /// <summary>The configuration in force.</summary>
    public SysMedicConfig Config
    {
        get => _config;
        set => _config = value;
    }

    /// <summary>The newest live snapshot.</summary>
    public Snapshot? Latest => _latest;

    /// <summary>The newest snapshot message as JSON, serialized on first use (none of it while nobody is attached).</summary>
    public string? LatestJson
    {
        get
        {
            if (_latestJson is null && _latestMessage is { } message)
            {
                _latestJson = ProtocolCodec.Serialize(message);
            }

            return _latestJson;
        }
    }

    /// <summary>Open episodes over a threshold, persistent or not yet.</summary>
    public IReadOnlyList<UserEpisode> Episodes
    {
        get => _episodes;
        set => _episodes = value;
    }

    /// <summary>Alerts not resolved yet, counted in storage by the monitoring loop at each sample.</summary>
    public int UnresolvedAlerts
    {
        get => _unresolvedAlerts;
        set => _unresolvedAlerts = value;
    }

    /// <summary>Whether the history database takes writes, as of the last check.</summary>
    public StorageInfo Storage
    {
        get => _storage;
        set => _storage = value;
    }

    /// <summary>When the last check ran.</summary>
    public DateTimeOffset? LastCheck { get; set; }

    /// <summary>Records a new snapshot and returns its message.</summary>
    public SnapshotMessage Publish(Snapshot snapshot)
    {
        var message = new SnapshotMessage(
            snapshot,
            [.. _episodes.Where(e => e.Persistent).Select(e => e.ToInfo())],
            UnresolvedAlerts,
            _config.ToThresholds().ToInfo())
        {
            Storage = _storage,
        };
        _latest = snapshot;
        _latestJson = null;
        _latestMessage = message;
        return message;
    }
}
