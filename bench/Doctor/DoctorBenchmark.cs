using System.Diagnostics;
using System.Globalization;
using SysMedic.Bench.Sampler;

namespace SysMedic.Bench.Doctor;

/// <summary>What one program (a doctor or top) cost over the measured window.</summary>
internal sealed record ProgramCost(string Label, bool IsDoctor, string Kind, int Processes, double CpuSeconds, double WindowSeconds, long RssEndKb, long RssMaxKb, long HwmKb, string Exit)
{
    /// <summary>CPU seconds per hour of running.</summary>
    public double CpuPerHour => CpuSeconds * 3600 / WindowSeconds;

    /// <summary>Share of one core, in percent.</summary>
    public double CorePercent => CpuSeconds * 100 / WindowSeconds;
}

/// <summary>
/// The run: for each population (the machine's own, then each extra count of sleeping processes) start every doctor
/// and <c>top -b -d 2</c> side by side, let them warm up, then read their CPU time and memory from /proc over the
/// window; stop them and note how the doctors ended.
/// </summary>
internal sealed class DoctorBenchmark(DoctorBenchOptions options, Cleanup cleanup)
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);

    public int Run()
    {
        Console.Error.WriteLine("compiling the spawner with gcc -O2");
        NativeTools tools = cleanup.Add(NativeTools.Compile());
        IReadOnlyList<string> ids = [];
        if (Environment.IsPrivilegedProcess)
        {
            BenchUsers users = BenchUsers.Create(options.Users, cleanup);
            ids = users.Ids;
            Console.Error.WriteLine($"extra processes run as {string.Join(", ", users.Names)}");
        }
        else
        {
            Console.Error.WriteLine("not root: the extra processes run as the current user, no users are created");
        }

        string loadBefore = LoadAverage();
        var results = new List<ProgramCost>();
        foreach (int extra in new[] { 0 }.Concat(options.Extra))
        {
            Sleepers? sleepers = null;
            if (extra > 0)
            {
                Console.Error.WriteLine($"starting {extra:N0} sleeping processes");
                sleepers = cleanup.Add(Sleepers.Start(tools.SpawnSleepers, extra, ids));
            }

            results.AddRange(Measure(extra));
            if (sleepers is not null)
            {
                Console.Error.WriteLine($"ending the {extra:N0} sleeping processes");
                cleanup.Release(sleepers);
            }
        }

        // The verdicts are printed, not turned into an exit code: a figure on a shared machine is to be read.
        ResultTable.Print(Console.Out, results, options, loadBefore, LoadAverage());
        return 0;
    }

    private List<ProgramCost> Measure(int extra)
    {
        string label = extra == 0 ? "own" : $"own + {extra:N0}";
        var dir = cleanup.Add(new TempDirectory());
        var programs = new List<Child>();
        foreach (DoctorSpec spec in options.Doctors)
        {
            programs.Add(cleanup.Add(StartDoctor(spec, dir.Path)));
        }

        foreach ((DoctorSpec spec, Child doctor) in options.Doctors.Zip(programs))
        {
            string socket = Path.Combine(dir.Path, spec.Label, "doctor.sock");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(socket) && !doctor.HasExited && clock.Elapsed < ReadyLimit)
            {
                Thread.Sleep(100);
            }

            if (!File.Exists(socket))
            {
                throw new InvalidOperationException($"doctor {spec.Label} did not open its socket {socket}:\n{doctor.LastErrors}");
            }
        }

        // top runs as long as the doctors, so that both are past their first passes when the window opens.
        int iterations = ((options.Warmup + options.Window) / 2) + 30;
        var topStart = new ProcessStartInfo("top");
        foreach (string a in new[] { "-b", "-d", "2", "-n", iterations.ToString(CultureInfo.InvariantCulture) })
        {
            topStart.ArgumentList.Add(a);
        }

        Child top = cleanup.Add(Child.Start("top -b -d 2", topStart));
        programs.Add(top);

        Console.Error.WriteLine($"{label}: warming up {options.Warmup} s, then measuring {options.Window} s");
        Thread.Sleep(TimeSpan.FromSeconds(options.Warmup));
        int processes = ProcSample.CountProcesses();
        ProcSample[] first = programs.Select(Read).ToArray();
        var window = Stopwatch.StartNew();
        long[] rssMax = first.Select(s => s.RssKb).ToArray();
        while (window.Elapsed < TimeSpan.FromSeconds(options.Window))
        {
            Thread.Sleep(SampleEvery);
            for (int i = 0; i < programs.Count; i++)
            {
                rssMax[i] = Math.Max(rssMax[i], Read(programs[i]).RssKb);
            }
        }

        ProcSample[] last = programs.Select(Read).ToArray();
        double seconds = window.Elapsed.TotalSeconds;

        var results = new List<ProgramCost>();
        for (int i = 0; i < programs.Count; i++)
        {
            Child p = programs[i];
            bool isDoctor = i < options.Doctors.Count;
            string exit = "-";
            if (isDoctor)
            {
                exit = p.Terminate() is { } ended ? $"exit {ended.ExitCode} in {ended.Took.TotalSeconds:F1} s" : "did not end in 10 s";
            }

            cleanup.Release(p);
            string kind = isDoctor ? (options.Doctors[i].IsDll ? "JIT" : "native") : "reference";
            double cpu = (double)(last[i].CpuTicks - first[i].CpuTicks) / Native.ClockTicks;
            results.Add(new ProgramCost(p.Label, isDoctor, kind, processes, cpu, seconds, last[i].RssKb, Math.Max(rssMax[i], last[i].RssKb), last[i].HwmKb, exit));
        }

        cleanup.Release(dir);
        return results.Select(r => r with { Label = $"{label}|{r.Label}" }).ToList();
    }

    private static Child StartDoctor(DoctorSpec spec, string root)
    {
        string dir = Directory.CreateDirectory(Path.Combine(root, spec.Label)).FullName;
        string config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, $"monitoring:\n  check_interval: 60\n  live_interval: 2\ndata_path: {Path.Combine(dir, "data")}\nlog_path: {Path.Combine(dir, "log")}\n");
        var psi = new ProcessStartInfo(spec.IsDll ? "dotnet" : spec.Binary);
        if (spec.IsDll)
        {
            psi.ArgumentList.Add(spec.Binary);
        }

        foreach (string a in new[] { "--doctor-daemon", "--config", config })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SYSMEDIC_SOCKET"] = Path.Combine(dir, "doctor.sock");
        foreach ((string name, string value) in spec.Environment)
        {
            psi.Environment[name] = value;
        }

        Console.Error.WriteLine($"starting doctor {spec}");
        return Child.Start(spec.Label, psi);
    }

    private static ProcSample Read(Child p) =>
        ProcSample.Read(p.Pid) ?? throw new InvalidOperationException($"{p.Label} (pid {p.Pid}) ended during the run:\n{p.LastErrors}");

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The doctors' configuration, data and logs; deleted at the end.</summary>
    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sysmedic-doctorbench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
