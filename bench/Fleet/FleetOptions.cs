using System.Globalization;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// The simulator's command line: <c>--hosts 100 --base-port 28000 --secret S --interval 2 --heavy 5 --processes 100
/// --seed 1 --phases clock</c>. Host i listens on base-port + i and is named <c>sim000</c>, <c>sim001</c>, ...
/// </summary>
public sealed record FleetOptions
{
    /// <summary>Simulated hosts, one port each.</summary>
    public int Hosts { get; init; } = 100;

    /// <summary>The first host's port on 127.0.0.1.</summary>
    public int BasePort { get; init; } = 28000;

    /// <summary>The secret every host asks for in <c>Authorization: Bearer</c>.</summary>
    public string Secret { get; init; } = "fleetbench";

    /// <summary>Seconds between two pushes of a host's feed (the relay's update interval).</summary>
    public double IntervalSeconds { get; init; } = 2;

    /// <summary>Hosts that are Heavy throughout, with persistent users and unresolved alerts.</summary>
    public int Heavy { get; init; } = 5;

    /// <summary>Processes in a full snapshot (the relay sends at most 100).</summary>
    public int Processes { get; init; } = 100;

    /// <summary>
    /// How the hosts' pushes fall in the interval: <c>clock</c> (default), every host on wall-clock multiples of the
    /// interval as relays push; <c>spread</c>, each host on a phase of its own, as relays did before.
    /// </summary>
    public string Phases { get; init; } = "clock";

    /// <summary>Seed of every host's walk (host i walks from seed + i), so two runs send the same figures.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Parses <paramref name="args"/>; unknown options and bad values throw with the option's name.</summary>
    public static FleetOptions Parse(string[] args)
    {
        var options = new FleetOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--hosts" => options with { Hosts = Int(name, value, 1, 1000) },
                "--base-port" => options with { BasePort = Int(name, value, 1024, 64000) },
                "--secret" => options with { Secret = value.Length > 0 ? value : throw new ArgumentException("--secret is empty") },
                "--interval" => options with { IntervalSeconds = Seconds(name, value) },
                "--heavy" => options with { Heavy = Int(name, value, 0, 1000) },
                "--processes" => options with { Processes = Int(name, value, 1, 2000) },
                "--seed" => options with { Seed = Int(name, value, 0, int.MaxValue) },
                "--phases" => options with { Phases = value is "clock" or "spread" ? value : throw new ArgumentException($"--phases must be clock or spread, not \"{value}\"") },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return options.BasePort + options.Hosts > 65536 ? throw new ArgumentException("--base-port + --hosts is past port 65535") : options;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not \"{value}\"");

    private static double Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double s) && s >= 0.1 && s <= 60
            ? s
            : throw new ArgumentException($"{name} must be seconds from 0.1 to 60, not \"{value}\"");
}
