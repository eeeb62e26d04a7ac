using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Connection;

/// <summary>
/// The connection the console shows, which File &gt; Connect and Disconnect replace while it runs: it forwards to the
/// current one and passes on its events only, so the screens keep one reference.
/// </summary>
public sealed class ConnectionSwitch : ISysMedicConnection
{
    private readonly Func<ISysMedicConnection> _home;
    private readonly Func<QuickConnectUrl, ISysMedicConnection> _remote;
    private volatile ISysMedicConnection _current;
    private bool _displayPaused;

    /// <summary>
    /// Starts on <paramref name="initial"/>. <paramref name="home"/> makes the local or embedded connection
    /// (Disconnect), <paramref name="remote"/> a connection to a relay (Connect).
    /// </summary>
    public ConnectionSwitch(ISysMedicConnection initial, Func<ISysMedicConnection> home, Func<QuickConnectUrl, ISysMedicConnection> remote)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _home = home;
        _remote = remote;
        _current = initial;
        Subscribe(initial);
    }

    /// <summary>The connection in use now.</summary>
    public ISysMedicConnection Current => _current;

    public ConnectionKind Kind => _current.Kind;

    public ConnectionState State => _current.State;

    public string Description => _current.Description;

    public ConnectionFeatures Features => _current.Features;

    public HostInfo Host => _current.Host;

    public Thresholds Thresholds => _current.Thresholds;

    public IReadOnlyDictionary<string, DateTimeOffset> PersistentSince => _current.PersistentSince;

    public TimeSpan LiveInterval => _current.LiveInterval;

    public Snapshot? Latest => _current.Latest;

    public event EventHandler<Snapshot>? SnapshotReceived;

    public event EventHandler<Alert>? AlertChanged;

    public event EventHandler? StateChanged;

    /// <summary>Another connection took over (raised on the thread that switched).</summary>
    public event EventHandler? Switched;

    public void Start() => _current.Start();

    /// <summary>Leaves the current connection for the relay at <paramref name="url"/>.</summary>
    public void ConnectRemote(QuickConnectUrl url) => SwitchTo(_remote(url));

    /// <summary>Leaves a remote connection for the local doctor, or the embedded sampler when none answers.</summary>
    public void Disconnect() => SwitchTo(_home());

    /// <summary>Uses <paramref name="next"/> from now on, starts it and ends the previous one.</summary>
    public void SwitchTo(ISysMedicConnection next)
    {
        ArgumentNullException.ThrowIfNull(next);
        ISysMedicConnection previous = _current;
        Unsubscribe(previous);
        _current = next;
        Subscribe(next);
        next.Start();
        if (_displayPaused)
        {
            next.SetDisplayPaused(true);
        }

        previous.Dispose();
        Switched?.Invoke(this, EventArgs.Empty);
        StateChanged?.Invoke(this, EventArgs.Empty);
    }

    public Task<HistoryResult> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) => _current.GetHistoryAsync(query, cancellationToken);

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(bool includeResolved, CancellationToken cancellationToken = default) => _current.GetAlertsAsync(includeResolved, cancellationToken);

    public Task<ResolveResult> ResolveAlertAsync(long alertId, string note, string resolvedBy, CancellationToken cancellationToken = default) =>
        _current.ResolveAlertAsync(alertId, note, resolvedBy, cancellationToken);

    public Task<UserDetail> GetUserDetailAsync(string username, CancellationToken cancellationToken = default) => _current.GetUserDetailAsync(username, cancellationToken);

    public Task<RecordedMoment> GetMomentAsync(DateTimeOffset at, CancellationToken cancellationToken = default) => _current.GetMomentAsync(at, cancellationToken);

    public void SetDisplayPaused(bool paused)
    {
        _displayPaused = paused;
        _current.SetDisplayPaused(paused);
    }

    public void Dispose()
    {
        Unsubscribe(_current);
        _current.Dispose();
    }

    private void Subscribe(ISysMedicConnection c)
    {
        c.SnapshotReceived += OnSnapshot;
        c.AlertChanged += OnAlert;
        c.StateChanged += OnState;
    }

    private void Unsubscribe(ISysMedicConnection c)
    {
        c.SnapshotReceived -= OnSnapshot;
        c.AlertChanged -= OnAlert;
        c.StateChanged -= OnState;
    }

    // A late event of a connection already left behind is dropped.
    private void OnSnapshot(object? sender, Snapshot s)
    {
        if (ReferenceEquals(sender, _current))
        {
            SnapshotReceived?.Invoke(this, s);
        }
    }

    private void OnAlert(object? sender, Alert a)
    {
        if (ReferenceEquals(sender, _current))
        {
            AlertChanged?.Invoke(this, a);
        }
    }

    private void OnState(object? sender, EventArgs e)
    {
        if (ReferenceEquals(sender, _current))
        {
            StateChanged?.Invoke(this, e);
        }
    }
}
