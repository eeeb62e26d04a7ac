using System.Diagnostics;
using System.Globalization;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using Terminal.Gui.App;

namespace SysMedic.Tui.Bootstrap;

/// <summary>
/// What the console did while it ran, for the benchmark: loop passes, passes that waited, frames drawn, snapshots
/// received and bytes allocated (all threads). Written as one line of <c>name=value</c> pairs to the file named by
/// <c>SYSMEDIC_CONSOLE_STATS</c> when the console exits; nothing is counted without it. Counting starts
/// <c>SYSMEDIC_CONSOLE_STATS_AFTER</c> seconds after the start (default 0), past the start-up's own work.
/// </summary>
internal sealed class ConsoleStats : IDisposable
{
    private readonly string _path;
    private readonly IApplication _app;
    private readonly ISysMedicConnection _connection;
    private readonly LoopGate _gate;
    private readonly TimeSpan _after;
    private readonly long _created = Stopwatch.GetTimestamp();
    private long _allocatedAtStart;
    private long _started;
    private long _waitsAtStart;
    private bool _counting;
    private long _passes;
    private long _draws;
    private long _snapshots;

    private ConsoleStats(string path, TimeSpan after, IApplication app, ISysMedicConnection connection, LoopGate gate)
    {
        _path = path;
        _after = after;
        _app = app;
        _connection = connection;
        _gate = gate;
        _app.Iteration += OnIteration;
        _app.LayoutAndDrawComplete += OnDrawn;
        _connection.SnapshotReceived += OnSnapshot;
    }

    /// <summary>Counts when <c>SYSMEDIC_CONSOLE_STATS</c> names a file; otherwise null.</summary>
    public static ConsoleStats? FromEnvironment(IApplication app, ISysMedicConnection connection, LoopGate gate)
    {
        string? path = Environment.GetEnvironmentVariable("SYSMEDIC_CONSOLE_STATS");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        _ = double.TryParse(Environment.GetEnvironmentVariable("SYSMEDIC_CONSOLE_STATS_AFTER"), NumberStyles.Float, CultureInfo.InvariantCulture, out double after);
        return new ConsoleStats(path, TimeSpan.FromSeconds(Math.Max(0, after)), app, connection, gate);
    }

    public void Dispose()
    {
        _app.Iteration -= OnIteration;
        _app.LayoutAndDrawComplete -= OnDrawn;
        _connection.SnapshotReceived -= OnSnapshot;
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"seconds={(_counting ? Stopwatch.GetElapsedTime(_started).TotalSeconds : 0):0.0} passes={_passes} waits={_gate.Waits - _waitsAtStart} draws={_draws} snapshots={Interlocked.Read(ref _snapshots)} allocated_bytes={(_counting ? GC.GetTotalAllocatedBytes() - _allocatedAtStart : 0)}");
        try
        {
            File.AppendAllText(_path, line + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A benchmark aid: the console's exit does not depend on it.
        }
    }

    private void OnIteration(object? sender, EventArgs e)
    {
        if (!_counting && Stopwatch.GetElapsedTime(_created) >= _after)
        {
            _counting = true;
            _started = Stopwatch.GetTimestamp();
            _allocatedAtStart = GC.GetTotalAllocatedBytes();
            _waitsAtStart = _gate.Waits;
            Interlocked.Exchange(ref _snapshots, 0);
        }

        if (_counting)
        {
            _passes++;
        }
    }

    private void OnDrawn(object? sender, EventArgs e) => _draws += _counting ? 1 : 0;

    private void OnSnapshot(object? sender, Snapshot snapshot)
    {
        if (_counting)
        {
            Interlocked.Increment(ref _snapshots);
        }
    }
}
