using System.Globalization;

namespace SysMedic.Bench.Doctor;

/// <summary>One reading of a process from /proc: its CPU time (user + kernel, all threads) and its memory.</summary>
internal readonly record struct ProcSample(long CpuTicks, long RssKb, long HwmKb)
{
    /// <summary>Reads /proc/<paramref name="pid"/>/stat and status; null when the process is gone.</summary>
    public static ProcSample? Read(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");

            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // utime 14 and stime 15 (man 5 proc), so 11 and 12 after the closing parenthesis.
            string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            long rss = 0;
            long hwm = 0;
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kb(line);
                }
            }

            return new ProcSample(ticks, rss, hwm);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>How many processes the machine runs now (numeric entries of /proc).</summary>
    public static int CountProcesses() =>
        Directory.EnumerateDirectories("/proc").Count(d => Path.GetFileName(d).All(char.IsAsciiDigit));

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
