using System.Globalization;

namespace SysMedic.Bench.Doctor;

/// <summary>A doctor to measure: a label, the binary (a .dll runs under <c>dotnet</c>) and extra environment.</summary>
internal sealed record DoctorSpec(string Label, string Binary, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>True for the framework-dependent dll (JIT), false for a native executable (the published AOT binary).</summary>
    public bool IsDll => Binary.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>LABEL,PATH[,VAR=VALUE...]</c>.</summary>
    public static DoctorSpec Parse(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"--doctor: '{text}' is not LABEL,PATH[,VAR=VALUE...]");
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in parts.Skip(2))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--doctor: '{pair}' is not VAR=VALUE");
            }

            env[pair[..eq]] = pair[(eq + 1)..];
        }

        return new DoctorSpec(parts[0], Path.GetFullPath(parts[1]), env);
    }

    public override string ToString() =>
        $"{Label}: {(IsDll ? "dotnet " : "")}{Binary}{string.Concat(Environment.Select(e => $" {e.Key}={e.Value}"))} ({(IsDll ? "JIT" : "native")})";
}

/// <summary>What the benchmark runs: which doctors, which populations, how long.</summary>
internal sealed record DoctorBenchOptions
{
    public const string Usage =
        "usage: SysMedic.Bench.Doctor [--doctor LABEL,PATH[,VAR=VALUE...]]... [--extra 2000] [--warmup 30] [--window 90] [--users 4]\n" +
        "  --doctor   a doctor to measure, repeatable; all run side by side (default: jit,SysMedic.Tui/bin/Release/net10.0/sysmedic.dll)";

    public IReadOnlyList<DoctorSpec> Doctors { get; init; } = [];

    /// <summary>Extra sleeping processes, one population each, after the machine's own.</summary>
    public IReadOnlyList<int> Extra { get; init; } = [2000];

    /// <summary>Seconds from the start of the doctors to the start of the measured window.</summary>
    public int Warmup { get; init; } = 30;

    /// <summary>Seconds measured.</summary>
    public int Window { get; init; } = 90;

    /// <summary>Users the extra processes are spread over (when run as root).</summary>
    public int Users { get; init; } = 4;

    public static DoctorBenchOptions Parse(string[] args)
    {
        var o = new DoctorBenchOptions();
        var doctors = new List<DoctorSpec>();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]}: a value is missing");
            switch (args[i])
            {
                case "--doctor":
                    doctors.Add(DoctorSpec.Parse(value));
                    break;
                case "--extra":
                    o = o with { Extra = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Number(args[i], v, 1)).ToArray() };
                    break;
                case "--warmup":
                    o = o with { Warmup = Number(args[i], value, 0) };
                    break;
                case "--window":
                    o = o with { Window = Number(args[i], value, 10) };
                    break;
                case "--users":
                    o = o with { Users = Number(args[i], value, 1) };
                    break;
                default:
                    throw new ArgumentException($"{args[i]}: unknown option");
            }

            i++;
        }

        if (doctors.Count == 0)
        {
            doctors.Add(new DoctorSpec("jit", DefaultDll(), new Dictionary<string, string>()));
        }

        if (doctors.Select(d => d.Label).Distinct(StringComparer.Ordinal).Count() != doctors.Count)
        {
            throw new ArgumentException("--doctor: each doctor needs its own label");
        }

        foreach (DoctorSpec d in doctors.Where(d => !File.Exists(d.Binary)))
        {
            throw new ArgumentException($"{d.Binary}: not found (build it first: dotnet build SysMedic.Tui -c Release)");
        }

        return o with { Doctors = doctors };
    }

    /// <summary>The Release build of the console in the repository the benchmark was built from.</summary>
    private static string DefaultDll()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SysMedic.sln")))
            {
                return Path.Combine(dir.FullName, "SysMedic.Tui", "bin", "Release", "net10.0", "sysmedic.dll");
            }
        }

        return Path.GetFullPath(Path.Combine("SysMedic.Tui", "bin", "Release", "net10.0", "sysmedic.dll"));
    }

    private static int Number(string option, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min
            ? n
            : throw new ArgumentException($"{option}: '{value}' is not a whole number >= {min}");
}
