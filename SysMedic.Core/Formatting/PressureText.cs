using System.Globalization;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Formatting;

/// <summary>Pressure in one line, the same in the report and the console: the kernel's 10-second averages.</summary>
public static class PressureText
{
    /// <summary>
    /// <c>cpu 4.5%  memory 9.1% (all 1.7%)  io 28.0% (all 9.0%)  (stalled, avg10)</c>: the share of time some task
    /// stalled, and in brackets all tasks at once; a resource without a file is left out.
    /// </summary>
    public static string Line(ResourcePressure pressure)
    {
        ArgumentNullException.ThrowIfNull(pressure);
        var parts = new List<string>(3);
        Add(parts, "cpu", pressure.Cpu, withFull: false);
        Add(parts, "memory", pressure.Memory, withFull: true);
        Add(parts, "io", pressure.Io, withFull: true);
        return string.Join("  ", parts) + "  (stalled, avg10)";
    }

    private static void Add(List<string> parts, string name, PressureUsage? p, bool withFull)
    {
        if (p is null)
        {
            return;
        }

        parts.Add(withFull
            ? string.Create(CultureInfo.InvariantCulture, $"{name} {Units.Percent(p.SomeAvg10)} (all {Units.Percent(p.FullAvg10)})")
            : string.Create(CultureInfo.InvariantCulture, $"{name} {Units.Percent(p.SomeAvg10)}"));
    }
}
