using System.Globalization;

namespace SysMedic.Bench.Sampler;

/// <summary>What the benchmark measures: which populations, and how many rounds of how many passes each.</summary>
internal sealed record BenchOptions
{
    public const string Usage = "usage: SysMedic.Bench.Sampler [--extra 2000,10000] [--rounds 5] [--passes 4] [--users 4]";

    /// <summary>Extra sleeping processes to add, one population each, after the machine's own.</summary>
    public IReadOnlyList<int> Extra { get; init; } = [2000, 10000];

    /// <summary>Rounds per population; each round runs every reader once, in a rotating order.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Timed passes per reader per round.</summary>
    public int Passes { get; init; } = 4;

    /// <summary>Users the extra processes are spread over (when run as root).</summary>
    public int Users { get; init; } = 4;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]}: a value is missing");
            o = args[i] switch
            {
                "--extra" => o with { Extra = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Number(args[i], v, 0)).ToArray() },
                "--rounds" => o with { Rounds = Number(args[i], value, 1) },
                "--passes" => o with { Passes = Number(args[i], value, 1) },
                "--users" => o with { Users = Number(args[i], value, 1) },
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
