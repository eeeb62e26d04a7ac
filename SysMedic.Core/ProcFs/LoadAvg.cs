namespace SysMedic.Core.ProcFs;

/// <summary><c>/proc/loadavg</c>, proc_loadavg(5): <c>0.52 0.58 0.59 2/1234 56789</c>.</summary>
public readonly record struct LoadAvg(double Load1, double Load5, double Load15, int Runnable, int Scheduled)
{
    /// <summary>Parses the file; false when the three averages are not there.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out LoadAvg load)
    {
        load = default;
        var r = new SpanReader(text);
        if (!r.NextDouble(out double l1) || !r.NextDouble(out double l5) || !r.NextDouble(out double l15))
        {
            return false;
        }

        ReadOnlySpan<byte> tasks = r.NextField();
        int slash = tasks.IndexOf((byte)'/');
        ulong runnable = 0, scheduled = 0;
        if (slash > 0)
        {
            _ = SpanReader.TryParseUInt64(tasks[..slash], out runnable);
            _ = SpanReader.TryParseUInt64(tasks[(slash + 1)..], out scheduled);
        }

        load = new LoadAvg(l1, l5, l15, (int)Math.Min(runnable, int.MaxValue), (int)Math.Min(scheduled, int.MaxValue));
        return true;
    }
}
