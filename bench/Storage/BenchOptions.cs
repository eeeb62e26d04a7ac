using System.Globalization;

namespace SysMedic.Bench.Storage;

/// <summary>Command line: <c>[--days N] [--users N] [--keep FILE] [--moments-only]</c>.</summary>
internal sealed record BenchOptions(int Days, int Users, string? KeepPath, bool MomentsOnly = false)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(30, 100, null, args.Contains("--moments-only"));
        args = [.. args.Where(a => a != "--moments-only")];
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--days" => options with { Days = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--users" => options with { Users = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--keep" => options with { KeepPath = args[i + 1] },
                _ => throw new ArgumentException($"unknown option {args[i]}; use --days N --users N --keep FILE --moments-only"),
            };
        }

        return options;
    }
}
