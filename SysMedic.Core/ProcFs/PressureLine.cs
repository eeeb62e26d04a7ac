namespace SysMedic.Core.ProcFs;

/// <summary>
/// One line of a pressure file: the share of time (percent) some or all tasks were stalled on the resource,
/// averaged over 10, 60 and 300 seconds, and the total stall time since boot (or since the cgroup was made), in
/// microseconds.
/// </summary>
public readonly record struct PressureLine(double Avg10, double Avg60, double Avg300, ulong TotalMicroseconds)
{
    /// <summary>Parses <c>avg10=0.12 avg60=0.05 avg300=0.01 total=123456</c> (after the some/full word).</summary>
    internal static bool TryParse(ref SpanReader r, out PressureLine line)
    {
        line = default;
        if (!Value(r.NextField(), "avg10="u8, out ReadOnlySpan<byte> a10)
            || !Value(r.NextField(), "avg60="u8, out ReadOnlySpan<byte> a60)
            || !Value(r.NextField(), "avg300="u8, out ReadOnlySpan<byte> a300)
            || !Value(r.NextField(), "total="u8, out ReadOnlySpan<byte> total)
            || !Number(a10, out double avg10)
            || !Number(a60, out double avg60)
            || !Number(a300, out double avg300)
            || !SpanReader.TryParseUInt64(total, out ulong totalUs))
        {
            return false;
        }

        line = new PressureLine(avg10, avg60, avg300, totalUs);
        return true;
    }

    private static bool Value(ReadOnlySpan<byte> field, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        value = field.StartsWith(key) ? field[key.Length..] : [];
        return !value.IsEmpty;
    }

    private static bool Number(ReadOnlySpan<byte> text, out double value) =>
        System.Buffers.Text.Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length && value >= 0;
}
