using System.Globalization;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// The simulator's log on standard output, for the bench script to read: one event a line, the Unix time in seconds
/// with microseconds first (bash's <c>$EPOCHREALTIME</c> on the same clock), then <c>key=value</c> words.
/// </summary>
public static class EventLog
{
    /// <summary>Writes one event line now; returns the time it carries.</summary>
    public static DateTimeOffset Write(string text)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Console.WriteLine($"{Epoch(now)} {text}");
        return now;
    }

    /// <summary>Seconds since 1970 with six decimals, as <c>$EPOCHREALTIME</c> prints them.</summary>
    public static string Epoch(DateTimeOffset at) =>
        (at.ToUnixTimeMilliseconds() / 1000.0 + (at.Ticks % TimeSpan.TicksPerMillisecond) / 1e7).ToString("0.000000", CultureInfo.InvariantCulture);
}
