namespace SysMedic.Core.Health;

/// <summary>The names of <see cref="UsageMetric"/> in storage, messages and JSON: <c>cpu</c>, <c>memory</c>.</summary>
public static class UsageMetricText
{
    /// <summary><c>cpu</c> or <c>memory</c>.</summary>
    public static string ToKey(this UsageMetric metric) => metric == UsageMetric.Cpu ? "cpu" : "memory";

    /// <summary>"CPU" or "memory", for sentences.</summary>
    public static string ToDisplay(this UsageMetric metric) => metric == UsageMetric.Cpu ? "CPU" : "memory";

    /// <summary>Parses <c>cpu</c> or <c>memory</c>; null otherwise.</summary>
    public static UsageMetric? Parse(string key) => key switch
    {
        "cpu" => UsageMetric.Cpu,
        "memory" => UsageMetric.Memory,
        _ => null,
    };
}
