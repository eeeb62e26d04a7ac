using System.Text.Json.Serialization;

namespace SysMedic.Core.Sampling;

/// <summary>Pressure on CPU, memory and disk I/O, of the host (<c>/proc/pressure</c>) or a user's slice; a resource whose file is absent is null.</summary>
public sealed record ResourcePressure(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PressureUsage? Cpu,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PressureUsage? Memory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PressureUsage? Io)
{
    /// <summary>The three resources, or null when none could be read.</summary>
    public static ResourcePressure? Of(PressureUsage? cpu, PressureUsage? memory, PressureUsage? io) =>
        cpu is null && memory is null && io is null ? null : new ResourcePressure(cpu, memory, io);
}
