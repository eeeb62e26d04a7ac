using SysMedic.Core.Alerts;
using SysMedic.Core.Protocol;
using SysMedic.Tui.State;

namespace SysMedic.Tui.Connection;

/// <summary>
/// One host of the fleet view: a connection to its relay on the summary feed, and the row it makes. The row is
/// rebuilt on every summary and state change and read whole by the screen (any thread).
/// </summary>
public sealed class FleetMember : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private FleetRow _row;
    private bool _everConnected;

    /// <summary>
    /// A member named <paramref name="name"/> at <paramref name="address"/>; <paramref name="connection"/> is null when
    /// no connection could be made (<paramref name="problem"/> says why: a secret file that cannot be read).
    /// </summary>
    public FleetMember(string name, string address, RemoteConnection? connection, string? problem, TimeProvider? time = null)
    {
        Name = name;
        Address = address;
        Connection = connection;
        _time = time ?? TimeProvider.System;
        _row = new FleetRow(name, address, connection is null ? FleetLink.NoSecret : FleetLink.Connecting, _time.GetLocalNow(), problem, null, null);
        if (connection is not null)
        {
            connection.StateChanged += OnStateChanged;
            connection.SummaryReceived += OnSummary;
            connection.AlertChanged += OnAlert;
        }
    }

    /// <summary>The operator's name for the host (hosts.yaml).</summary>
    public string Name { get; }

    /// <summary>host:port of the relay.</summary>
    public string Address { get; }

    /// <summary>The relay connection on the summary feed; null when none could be made.</summary>
    public RemoteConnection? Connection { get; }

    /// <summary>The row as it stands.</summary>
    public FleetRow Row => Volatile.Read(ref _row);

    /// <summary>The row changed (any thread).</summary>
    public event EventHandler? Changed;

    /// <summary>The row's link changed (connected, reconnecting...), a change the screen shows at once (any thread).</summary>
    public event EventHandler? LinkChanged;

    /// <summary>The host raised or resolved an alert (any thread).</summary>
    public event EventHandler<Alert>? AlertChanged;

    /// <summary>Starts connecting; the connection retries by itself.</summary>
    public void Start() => Connection?.Start();

    public void Dispose()
    {
        if (Connection is { } c)
        {
            c.StateChanged -= OnStateChanged;
            c.SummaryReceived -= OnSummary;
            c.AlertChanged -= OnAlert;
            c.Dispose();
        }
    }

    private void OnSummary(object? sender, SummaryMessage summary) =>
        Update(row => row with { Summary = summary, UpdatedAt = _time.GetUtcNow(), Link = FleetLink.Connected, Problem = null });

    private void OnStateChanged(object? sender, EventArgs e)
    {
        RemoteConnection c = Connection!;
        ConnectionState state = c.State;
        string? problem = c.Problem;
        if (state == ConnectionState.Connected)
        {
            _everConnected = true;
        }

        FleetLink link = state switch
        {
            ConnectionState.Connected => FleetLink.Connected,
            ConnectionState.Lost => FleetLink.Refused,
            ConnectionState.Reconnecting when problem?.StartsWith("doctor unavailable", StringComparison.Ordinal) == true => FleetLink.DoctorDown,
            ConnectionState.Reconnecting => _everConnected ? FleetLink.Reconnecting : FleetLink.Unreachable,
            _ => FleetLink.Connecting,
        };
        Update(row => row.Link == link && row.Problem == problem ? row : row with { Link = link, LinkSince = link == row.Link ? row.LinkSince : c.Since, Problem = problem });
    }

    private void OnAlert(object? sender, Alert alert) => AlertChanged?.Invoke(this, alert);

    // Summaries and state changes come on the connection's threads: one at a time here, the event outside the lock.
    private void Update(Func<FleetRow, FleetRow> change)
    {
        bool linkChanged;
        lock (_lock)
        {
            FleetRow row = _row;
            FleetRow next = change(row);
            if (ReferenceEquals(next, row))
            {
                return;
            }

            linkChanged = next.Link != row.Link;
            Volatile.Write(ref _row, next);
        }

        Changed?.Invoke(this, EventArgs.Empty);
        if (linkChanged)
        {
            LinkChanged?.Invoke(this, EventArgs.Empty);
        }
    }
}
