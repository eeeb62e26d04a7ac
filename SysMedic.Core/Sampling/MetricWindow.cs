namespace SysMedic.Core.Sampling;

/// <summary>Average and peak of one metric over a check window.</summary>
public readonly record struct MetricWindow(double Average, double Peak)
{
    /// <summary>Both zero: nothing was seen.</summary>
    public static MetricWindow Empty => default;
}
