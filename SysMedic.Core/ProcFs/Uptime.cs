namespace SysMedic.Core.ProcFs;

/// <summary><c>/proc/uptime</c>, proc_uptime(5): <c>350735.47 234388.90</c> (seconds up, seconds idle summed over CPUs).</summary>
public static class Uptime
{
    /// <summary>Parses the first number, the seconds since boot.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double seconds)
    {
        var r = new SpanReader(text);
        return r.NextDouble(out seconds) && seconds >= 0;
    }
}
