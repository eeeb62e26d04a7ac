using SysMedic.Core.Alerts;
using SysMedic.Core.Protocol;
using SysMedic.Tui.State;

namespace SysMedic.Tui.Connection;

/// <summary>
/// Every host of hosts.yaml, each on its relay's summary feed: what the fleet view shows. <see cref="Reload"/> takes
/// the file again (after Add/Remove host), keeping the connections of hosts that stay.
/// </summary>
public sealed class Fleet : IDisposable
{
    private readonly Func<QuickConnectUrl, RemoteConnection> _connect;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private List<FleetMember> _members = [];
    private bool _started;

    /// <summary>
    /// The hosts of <paramref name="hostsFile"/>; <paramref name="connect"/> makes a connection on the summary feed
    /// (tests give shorter retries).
    /// </summary>
    public Fleet(string hostsFile, Func<QuickConnectUrl, RemoteConnection>? connect = null, TimeProvider? time = null)
    {
        HostsFile = hostsFile;
        _time = time ?? TimeProvider.System;
        // Retries 1.5 to 2.5 s apart, different for each host: after a network cut the hosts do not all knock at once.
        _connect = connect ?? (url => new RemoteConnection(url, _time, TimeSpan.FromMilliseconds(1500 + Random.Shared.Next(1000)), SubscribeRequest.Summaries));
    }

    /// <summary>Where the hosts are listed.</summary>
    public string HostsFile { get; }

    /// <summary>The hosts, in the file's order.</summary>
    public IReadOnlyList<FleetMember> Members
    {
        get
        {
            lock (_lock)
            {
                return _members;
            }
        }
    }

    /// <summary>A member's row changed, or hosts came or went (any thread).</summary>
    public event EventHandler? Changed;

    /// <summary>A host's link changed: connected, reconnecting, refused... (any thread).</summary>
    public event EventHandler? LinkChanged;

    /// <summary>A host raised or resolved an alert (any thread).</summary>
    public event EventHandler<FleetAlert>? AlertChanged;

    /// <summary>Every host's row as it stands.</summary>
    public IReadOnlyList<FleetRow> Rows() => [.. Members.Select(m => m.Row)];

    /// <summary>The member called <paramref name="name"/>, or null.</summary>
    public FleetMember? Find(string name) => Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the hosts file and connects to every host; calling it twice does nothing.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_started)
            {
                return;
            }

            _started = true;
        }

        Reload();
    }

    /// <summary>
    /// Takes the hosts file again: hosts that stay (same name, address and secret) keep their connection, new ones
    /// connect, removed ones disconnect.
    /// </summary>
    public void Reload()
    {
        IReadOnlyList<RecentHost> hosts = RecentHosts.Load(HostsFile);
        List<FleetMember> old;
        var next = new List<FleetMember>();
        var started = new List<FleetMember>();
        lock (_lock)
        {
            old = _members;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (RecentHost host in hosts)
            {
                // A name is a row's key: an unnamed entry whose address another host is named after shows its host:port.
                string name = names.Add(host.Name) ? host.Name : host.Label;
                _ = names.Add(name);
                bool usable = host.TryGetUrl(out QuickConnectUrl? url, out string? problem);
                FleetMember? same = old.FirstOrDefault(m => m.Name == name && m.Address == host.Label && (usable ? m.Connection?.Url == url : m.Connection is null));
                if (same is not null)
                {
                    next.Add(same);
                    continue;
                }

                var member = new FleetMember(name, host.Label, usable ? _connect(url!) : null, problem, _time);
                next.Add(member);
                started.Add(member);
            }

            _members = next;
        }

        foreach (FleetMember gone in old.Where(m => !next.Contains(m)))
        {
            gone.Changed -= OnMemberChanged;
            gone.LinkChanged -= OnMemberLink;
            gone.AlertChanged -= OnMemberAlert;
            gone.Dispose();
        }

        foreach (FleetMember member in started)
        {
            member.Changed += OnMemberChanged;
            member.LinkChanged += OnMemberLink;
            member.AlertChanged += OnMemberAlert;
            member.Start();
        }

        Changed?.Invoke(this, EventArgs.Empty);
        LinkChanged?.Invoke(this, EventArgs.Empty);
    }

    public void Dispose()
    {
        List<FleetMember> members;
        lock (_lock)
        {
            members = _members;
            _members = [];
        }

        // Each relay is told goodbye on its own thread: a hundred closing handshakes one after another would hold the
        // console's exit for as long as the slowest hosts take.
        Parallel.ForEach(members, m =>
        {
            m.Changed -= OnMemberChanged;
            m.LinkChanged -= OnMemberLink;
            m.AlertChanged -= OnMemberAlert;
            m.Dispose();
        });
    }

    private void OnMemberChanged(object? sender, EventArgs e) => Changed?.Invoke(this, EventArgs.Empty);

    private void OnMemberLink(object? sender, EventArgs e) => LinkChanged?.Invoke(this, EventArgs.Empty);

    private void OnMemberAlert(object? sender, Alert alert) => AlertChanged?.Invoke(this, new FleetAlert((FleetMember)sender!, alert));
}

/// <summary>An alert of one fleet host.</summary>
public sealed record FleetAlert(FleetMember Member, Alert Alert)
{
    /// <summary>The host's name.</summary>
    public string Host => Member.Name;
}
