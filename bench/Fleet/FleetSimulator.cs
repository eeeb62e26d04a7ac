using System.Globalization;
using SysMedic.Core.Protocol;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// The simulated fleet: one <see cref="RelayPort"/> per host, each pushing its feed on its own phase of the interval
/// (hosts are not in step with each other), a network cut and its healing, and how long after the healing each host
/// had a client again. Every connection, cut and healing is a line of the <see cref="EventLog"/>.
/// </summary>
public sealed class FleetSimulator : IFleetEvents
{
    private readonly Lock _lock = new();
    private readonly FleetOptions _options;
    private readonly List<RelayPort> _ports = [];
    private HashSet<int>? _waiting;
    private List<double> _delays = [];
    private DateTimeOffset _healedAt;
    private bool _cut;

    /// <summary>The fleet <paramref name="options"/> describe, not listening yet.</summary>
    public FleetSimulator(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        DateTimeOffset start = DateTimeOffset.UtcNow;
        for (int i = 0; i < options.Hosts; i++)
        {
            // The Heavy hosts are spread through the list, not bunched at the top.
            bool heavy = options.Heavy > 0 && i % Math.Max(1, options.Hosts / options.Heavy) == options.Hosts / options.Heavy / 2 && i / Math.Max(1, options.Hosts / options.Heavy) < options.Heavy;
            _ports.Add(new RelayPort(new SimulatedHost(i, heavy, options.Processes, options.Seed + i, start), options.BasePort + i, options, this));
        }
    }

    /// <summary>The hosts, in port order.</summary>
    public IReadOnlyList<RelayPort> Ports => _ports;

    /// <summary>Listens on every port and starts every host's pushes, until <paramref name="stopping"/>.</summary>
    public void Start(CancellationToken stopping)
    {
        var interval = TimeSpan.FromSeconds(_options.IntervalSeconds);
        for (int i = 0; i < _ports.Count; i++)
        {
            RelayPort port = _ports[i];
            port.Listen(stopping);
            _ = PushLoopAsync(port, _options.Phases == "spread" ? interval * i / _ports.Count : UntilNextMultiple(interval), interval, stopping);
        }
    }

    /// <summary>Cuts the network: every port stops listening and resets its connections, until <see cref="Heal"/>.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            if (_cut)
            {
                return;
            }

            _cut = true;
            _waiting = null;
            EventLog.Write($"cut hosts={_ports.Count}");
        }

        _ports.ForEach(p => p.CutOff());
    }

    /// <summary>Ends the cut: every port listens again; the time until each host has a client again is logged.</summary>
    public void Heal(CancellationToken stopping)
    {
        lock (_lock)
        {
            if (!_cut)
            {
                return;
            }

            _ports.ForEach(p => p.Listen(stopping));
            _cut = false;
            _waiting = [.. _ports.Select(p => p.Host.Index)];
            _delays = [];
            _healedAt = EventLog.Write($"healed hosts={_ports.Count}");
        }
    }

    public void Connected(RelayPort port, string feed)
    {
        ArgumentNullException.ThrowIfNull(port);
        lock (_lock)
        {
            DateTimeOffset at = EventLog.Write($"connect host={port.Host.Name} port={port.Port} feed={feed} hosts_connected={HostsConnected()}");
            if (_waiting is { } waiting && waiting.Remove(port.Host.Index))
            {
                _delays.Add((at - _healedAt).TotalSeconds);
                if (waiting.Count == 0)
                {
                    _delays.Sort();
                    EventLog.Write(string.Create(CultureInfo.InvariantCulture,
                        $"reconnected hosts={_delays.Count} after={_delays[^1]:0.000} p50={Percentile(0.5):0.000} p90={Percentile(0.9):0.000} first={_delays[0]:0.000}"));
                    _waiting = null;
                }
            }
        }
    }

    public void Subscribed(RelayPort port, string feed)
    {
        ArgumentNullException.ThrowIfNull(port);
        EventLog.Write($"subscribe host={port.Host.Name} feed={feed}");
    }

    public void Disconnected(RelayPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        lock (_lock)
        {
            EventLog.Write($"disconnect host={port.Host.Name} hosts_connected={HostsConnected()}");
        }
    }

    /// <summary>The sizes of one host's messages, for the first log line.</summary>
    public (int Snapshot, int Summary) MessageBytes()
    {
        RelayPort port = _ports[0];
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return (port.Latest(SubscribeRequest.Snapshots, now).Length, port.Latest(SubscribeRequest.Summaries, now).Length);
    }

    private int HostsConnected() => _ports.Count(p => p.Clients > 0);

    private double Percentile(double p) => _delays[Math.Clamp((int)Math.Ceiling(p * _delays.Count) - 1, 0, _delays.Count - 1)];

    // As the relay ticks: on the next wall-clock multiple of the interval.
    private static TimeSpan UntilNextMultiple(TimeSpan interval)
    {
        long ms = (long)interval.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(ms - (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % ms));
    }

    private static async Task PushLoopAsync(RelayPort port, TimeSpan phase, TimeSpan interval, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(phase, stopping);
            using var timer = new PeriodicTimer(interval);
            do
            {
                try
                {
                    port.Tick(DateTimeOffset.UtcNow);
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
                {
                    EventLog.Write($"error host={port.Host.Name} tick failed: {ex.Message}");
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
