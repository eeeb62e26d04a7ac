using System.Globalization;

namespace SysMedic.Bench.Usage;

/// <summary>How many short-lived processes each loop runs, how much work each does, and how often the samplers read.</summary>
internal sealed record UsageBenchOptions
{
    public const string Usage = "usage: SysMedic.Bench.Usage [--processes 3000] [--iterations 10000] [--interval 2] [--uid 64200]";

    /// <summary>Short-lived processes per loop.</summary>
    public int Processes { get; init; } = 3000;

    /// <summary>Shell loop iterations in each process: about 10 ms of CPU at 10,000 on the machine measured here.</summary>
    public int Iterations { get; init; } = 10_000;

    /// <summary>Seconds between two samples (the doctor's live interval is 2, its idle pace up to 10).</summary>
    public double Interval { get; init; } = 2;

    /// <summary>The uid of the first loop; the second runs as the next uid. Neither needs a passwd entry.</summary>
    public int Uid { get; init; } = 64200;

    public static UsageBenchOptions Parse(string[] args)
    {
        var o = new UsageBenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]}: a value is missing");
            o = args[i] switch
            {
                "--processes" => o with { Processes = Number(args[i], value, 1) },
                "--iterations" => o with { Iterations = Number(args[i], value, 1) },
                "--interval" => o with { Interval = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0.1 ? s : throw new ArgumentException($"--interval: '{value}' is not a number of seconds >= 0.1") },
                "--uid" => o with { Uid = Number(args[i], value, 1000) },
                _ => throw new ArgumentException($"{args[i]}: unknown option"),
            };
            i++;
        }

        return o;
    }

    private static int Number(string option, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min
            ? n
            : throw new ArgumentException($"{option}: '{value}' is not a whole number >= {min}");
}
