using Microsoft.Extensions.Time.Testing;
using SysMedic.Agent.Doctor;
using SysMedic.Core.Config;
using SysMedic.Core.Sampling;
using SysMedic.Tests.Sampling;
using SysMedic.Tests.Storage;

namespace SysMedic.Tests.Agent;

/// <summary>
/// The doctor's monitoring loop on a fake clock over a writable copy of the fixture host t0 (/proc and /sys), which
/// becomes t1 for the second reading, 60 s later, when the first check is stored; its database and a configuration
/// file naming it are in a temporary directory, so the CLI can read what the doctor stored.
/// </summary>
internal sealed class FixtureDoctorRun : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private readonly string _proc;
    private readonly string _sys;

    public FixtureDoctorRun()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sysmedic-fixture-doctor-").FullName;
        _proc = Path.Combine(Directory, "proc");
        _sys = Path.Combine(Directory, "sys");
        CopyInto(FixturePaths.Proc("t0"), _proc);
        CopyInto(FixturePaths.Sys("t0"), _sys);
        ConfigPath = Path.Combine(Directory, "config.yaml");
        File.WriteAllText(ConfigPath, $"data_path: {Path.Combine(Directory, "data")}\nlog_path: {Path.Combine(Directory, "log")}\n");
        Config = new SysMedicConfig { DataPath = Path.Combine(Directory, "data"), LogPath = Path.Combine(Directory, "log") };
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    public SysMedicConfig Config { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Primes the sampler on t0, turns the host into t1, and runs the tick 60 s later that stores the check.</summary>
    public void Run()
    {
        var state = new DoctorState(Config);
        SamplerOptions options = FixtureSampling.Options("t0") with { ProcRoot = _proc, SysRoot = _sys, Filter = Config.UserFiltering.ToUserFilter() };
        using var sampler = new Sampler(options, Time);
        using var loop = new MonitoringLoop(state, sampler, new ListLogger(), Time);
        loop.OpenStorage();
        _ = sampler.Sample();
        CopyInto(FixturePaths.Proc("t1"), _proc);
        CopyInto(FixturePaths.Sys("t1"), _sys);
        Time.Advance(TimeSpan.FromSeconds(60));
        if (!loop.Tick())
        {
            throw new InvalidOperationException("the tick made no check");
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    // Makes `to` hold exactly what `from` holds, keeping the directories both have (the sampler holds some open).
    private static void CopyInto(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (string entry in System.IO.Directory.EnumerateFileSystemEntries(to))
        {
            string source = Path.Combine(from, Path.GetFileName(entry));
            if (System.IO.Directory.Exists(entry) && !System.IO.Directory.Exists(source))
            {
                System.IO.Directory.Delete(entry, recursive: true);
            }
            else if (File.Exists(entry))
            {
                File.Delete(entry);
            }
        }

        foreach (string file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string directory in System.IO.Directory.GetDirectories(from))
        {
            CopyInto(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
