using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Alerts;

/// <summary>Everything one check gives the alert engine.</summary>
public sealed record AlertInput(
    WindowSummary Window,
    TrackerUpdate Tracker,
    Thresholds Thresholds,
    TimeSpan SuppressWindow)
{
    /// <summary>When a condition may clear (default: at the first check under its threshold).</summary>
    public AlertClearing Clearing { get; init; } = AlertClearing.Immediate;

    /// <summary>The memory pressure rule; null: off.</summary>
    public MemoryPressureRule? MemoryPressure { get; init; }
}
