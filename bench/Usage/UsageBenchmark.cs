using System.Globalization;
using SysMedic.Core.ProcFs;
using SysMedic.Core.Sampling;

namespace SysMedic.Bench.Usage;

/// <summary>
/// Two loops of short-lived processes, each as a uid of its own, one of them in a user slice; two samplers read the
/// live machine at the chosen interval while they run: one as the doctor does (slices read), one with no /sys (the
/// reaping-parent method alone). Each user's figures are summed over the run and set beside the truth.
/// </summary>
internal sealed class UsageBenchmark(UsageBenchOptions options)
{
    public int Run()
    {
        string? v2 = FindV2Root();
        if (v2 is null)
        {
            Console.Error.WriteLine("no cgroup v2 hierarchy under /sys/fs/cgroup: the slice loop cannot run");
            return 1;
        }

        int hz = HostParameters.ClockTicksPerSecond;
        var plain = new LoopFigures("no slice", options.Uid);
        var sliced = new LoopFigures("in user slice", options.Uid + 1);
        using var withSlices = new Sampler(new SamplerOptions { Filter = UserFilter.None });
        using var withoutSlices = new Sampler(new SamplerOptions { Filter = UserFilter.None, SysRoot = "/nonexistent-sys" });
        int linger = (int)Math.Ceiling(options.Interval * 2) + 1;
        using var slice = new TestSlice(v2, sliced.Uid);
        using var a = new ShortLivedLoop(plain.Uid, options.Processes, options.Iterations, linger);
        using var b = new ShortLivedLoop(sliced.Uid, options.Processes, options.Iterations, linger);
        slice.Move(b.Pid);
        _ = withSlices.Sample();
        _ = withoutSlices.Sample();
        DateTime started = DateTime.UtcNow;
        a.Go();
        b.Go();
        var truths = Task.Run(() => (a.TruthSeconds(hz), b.TruthSeconds(hz)));
        int samples = 0;
        while (!(a.HasExited && b.HasExited))
        {
            Thread.Sleep(TimeSpan.FromSeconds(options.Interval));
            Add(withSlices.Sample(), withoutSlices.Sample(), plain, sliced);
            samples++;
        }

        (plain.Truth, sliced.Truth) = truths.Result;
        sliced.SliceTotal = CgroupCpuStat.TryParse(File.ReadAllBytes(Path.Combine(slice.CgroupPath, "cpu.stat")), out CgroupCpuStat stat) ? stat.UsageMicroseconds / 1e6 : null;
        Print(plain, sliced, samples, DateTime.UtcNow - started);
        return 0;
    }

    private static void Add(Snapshot doctor, Snapshot reapedOnly, LoopFigures plain, LoopFigures sliced)
    {
        foreach (LoopFigures f in new[] { plain, sliced })
        {
            f.Sampler += doctor.AllUsers.Where(u => u.Uid == f.Uid).Sum(u => u.CpuSeconds);
            f.Reaped += reapedOnly.AllUsers.Where(u => u.Uid == f.Uid).Sum(u => u.CpuSeconds);
            double machineSeconds = reapedOnly.Interval.TotalSeconds * reapedOnly.System.CpuCount;
            f.Plain += reapedOnly.Processes.Where(p => p.Uid == f.Uid).Sum(p => p.CpuPercent) / 100 * machineSeconds;
        }
    }

    private void Print(LoopFigures plain, LoopFigures sliced, int samples, TimeSpan wall)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{options.Processes} processes x {options.Iterations} iterations per loop, sampled every {options.Interval} s ({samples} samples over {wall.TotalSeconds:0} s), load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end"));
        Console.WriteLine();
        Console.WriteLine("| loop | truth (s) | plain sampler | reaping parents | as the doctor runs | slice cpu.stat |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|");
        foreach (LoopFigures f in new[] { plain, sliced })
        {
            string sliceTotal = f.SliceTotal is { } s ? string.Create(c, $"{s:0.00} s ({Pct(s, f.Truth)})") : "-";
            Console.WriteLine(string.Create(c, $"| {f.Label} (uid {f.Uid}) | {f.Truth:0.00} | {f.Plain:0.00} s ({Pct(f.Plain, f.Truth)}) | {f.Reaped:0.00} s ({Pct(f.Reaped, f.Truth)}) | {f.Sampler:0.00} s ({Pct(f.Sampler, f.Truth)}) | {sliceTotal} |"));
        }
    }

    private static string Pct(double value, double truth) => truth <= 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100 * value / truth:0.0}%");

    private static string? FindV2Root() =>
        new[] { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" }.FirstOrDefault(p => File.Exists(Path.Combine(p, "cgroup.controllers")));
}
