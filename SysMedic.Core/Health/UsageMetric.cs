namespace SysMedic.Core.Health;

/// <summary>The two resources tracked per user, each with its own threshold and persistence clock.</summary>
public enum UsageMetric
{
    /// <summary>CPU, percent of the machine.</summary>
    Cpu,

    /// <summary>Memory, percent of RAM.</summary>
    Memory,
}
