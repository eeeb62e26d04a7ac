using System.Globalization;
using System.Text.RegularExpressions;

namespace SysMedic.Core.Formatting;

/// <summary>
/// A past moment as an operator types it: <c>03:00</c> (the last 03:00, local time: today's, or yesterday's when
/// today's is still to come), <c>2026-12-06 03:00</c> (local), ISO 8601 with an offset (<c>2026-12-06T03:00:00Z</c>),
/// or <c>90m ago</c>, <c>3h ago</c>, <c>2d ago</c>, <c>45s ago</c>. A local time the clocks skipped (the spring gap) is
/// refused, naming it; one they passed twice (the autumn hour) is the first of the two.
/// </summary>
public static partial class MomentTime
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];
    private static readonly string[] ClockFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    /// <summary>The forms accepted, for messages and help.</summary>
    public const string Forms = "03:00, \"2026-12-06 03:00\", 2026-12-06T03:00:00Z, 90m ago, 3h ago, 2d ago";

    /// <summary>
    /// Reads <paramref name="text"/> as a moment relative to <paramref name="now"/> in <paramref name="zone"/>; false with
    /// <paramref name="problem"/> saying why not.
    /// </summary>
    public static bool TryParse(string text, DateTimeOffset now, TimeZoneInfo zone, out DateTimeOffset at, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        at = default;
        problem = "";
        string t = text.Trim();
        if (Ago().Match(t) is { Success: true } ago)
        {
            long n = long.Parse(ago.Groups[1].Value, CultureInfo.InvariantCulture);
            TimeSpan unit = ago.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(1),
                "m" or "min" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                _ => TimeSpan.FromDays(1),
            };
            if (n > 36_500 * TimeSpan.TicksPerDay / unit.Ticks)
            {
                problem = $"\"{text}\" is too far back";
                return false;
            }

            at = now - (unit * n);
            return true;
        }

        if (DateTime.TryParseExact(t, ClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime clock))
        {
            DateTime today = TimeZoneInfo.ConvertTime(now, zone).Date + clock.TimeOfDay;
            if (!TryLocal(today, zone, text, out at, out problem))
            {
                return false;
            }

            return at <= now || TryLocal(today.AddDays(-1), zone, text, out at, out problem);
        }

        if (DateTime.TryParseExact(t, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return TryLocal(local, zone, text, out at, out problem);
        }

        if (HasOffset().IsMatch(t) && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            return true;
        }

        problem = $"\"{text}\" is not a time; use one of: {Forms}";
        return false;
    }

    private static bool TryLocal(DateTime local, TimeZoneInfo zone, string text, out DateTimeOffset at, out string problem)
    {
        at = default;
        problem = "";
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"\"{text}\": {local:yyyy-MM-dd HH:mm} did not happen in {zone.Id} (the clocks went forward); give a time after the change, or one in UTC such as {local:yyyy-MM-dd}T{local:HH:mm}:00Z");
            return false;
        }

        // Twice in the autumn hour: the first time it happened, when the offset was the larger (summer) one.
        TimeSpan offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        at = new DateTimeOffset(local, offset);
        return true;
    }

    [GeneratedRegex(@"^(\d{1,9})\s*(s|m|min|h|d)\s+ago$", RegexOptions.CultureInvariant)]
    private static partial Regex Ago();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();
}
