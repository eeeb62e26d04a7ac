namespace SysMedic.Core.ProcFs;

/// <summary>
/// A pressure stall information file, <c>/proc/pressure/{cpu,memory,io}</c> or a cgroup v2 <c>*.pressure</c>
/// (Documentation/accounting/psi.rst):
/// <c>some avg10=0.12 avg60=0.05 avg300=0.01 total=123456</c> then <c>full avg10=0.00 avg60=0.00 avg300=0.00 total=0</c>.
/// "some": at least one task was stalled; "full": all non-idle tasks were at once. <c>cpu</c> had no full line
/// before Linux 5.13 (<see cref="Full"/> is then zero).
/// </summary>
public readonly record struct Pressure(PressureLine Some, PressureLine Full)
{
    /// <summary>Parses the file; false when the some line is missing, or any line is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out Pressure pressure)
    {
        pressure = default;
        PressureLine? some = null;
        PressureLine full = default;
        var r = new SpanReader(text);
        while (!r.Rest.IsEmpty)
        {
            ReadOnlySpan<byte> kind = r.NextField();
            if (kind.IsEmpty)
            {
                r.SkipLine();
                continue;
            }

            bool isSome = kind.SequenceEqual("some"u8);
            if ((!isSome && !kind.SequenceEqual("full"u8)) || !PressureLine.TryParse(ref r, out PressureLine line))
            {
                return false;
            }

            if (isSome)
            {
                some = line;
            }
            else
            {
                full = line;
            }

            r.SkipLine();
        }

        if (some is not { } s)
        {
            return false;
        }

        pressure = new Pressure(s, full);
        return true;
    }
}
