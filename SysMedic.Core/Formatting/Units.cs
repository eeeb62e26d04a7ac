using System.Globalization;

namespace SysMedic.Core.Formatting;

/// <summary>How numbers look, the same in the console and the CLI.</summary>
public static class Units
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>Bytes in binary units with one decimal above KiB: <c>512 B</c>, <c>1.5 GiB</c>.</summary>
    public static string Bytes(double bytes)
    {
        int unit = 0;
        double value = Math.Max(0, bytes);
        while (value >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value:0} {ByteUnits[unit]}")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {ByteUnits[unit]}");
    }

    /// <summary>A rate in bytes per second: <c>1.2 MiB/s</c>.</summary>
    public static string Rate(double bytesPerSecond) => Bytes(bytesPerSecond) + "/s";

    /// <summary>CPU time as top's TIME+: <c>12:34.56</c> (minutes:seconds), <c>3h05:12</c> from an hour on.</summary>
    public static string CpuTime(double seconds)
    {
        // As top's TIME+: minutes:seconds.hundredths, and hours in front once there are any ("3h05:12").
        long hundredths = (long)Math.Max(0, Math.Round(seconds * 100));
        long minutes = hundredths / 6000;
        double rest = (hundredths % 6000) / 100.0;
        return minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes}:{rest:00.00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h{minutes % 60:00}:{(int)rest:00}");
    }

    /// <summary>Percent with one decimal: <c>42.5%</c>.</summary>
    public static string Percent(double percent) => string.Create(CultureInfo.InvariantCulture, $"{percent:0.0}%");

    /// <summary>A duration the way uptime reads: <c>3d 4h 12m</c>, <c>5h 02m</c>, <c>12m 30s</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours}h {span.Minutes:00}m")
            : span.TotalHours >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h {span.Minutes:00}m")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s");
    }

    /// <summary>A number with a fixed count of decimals, invariant culture.</summary>
    public static string Number(double value, int decimals = 2) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary><paramref name="count"/> and the noun, plural unless the count is one: "1 user", "3 users".</summary>
    public static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
