using System.Diagnostics;
using SysMedic.Core.ProcFs;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

/// <summary>The sampler against the real /proc, with processes this test starts and ends itself.</summary>
[NonParallelizable]
public class LiveSamplingTests
{
    private string _dir = "";
    private readonly List<Process> _started = [];

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("sysmedic-live-").FullName;

    [TearDown]
    public void StopProcesses()
    {
        foreach (Process p in _started)
        {
            try
            {
                p.Kill();
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            p.Dispose();
        }

        _started.Clear();
        Directory.Delete(_dir, recursive: true);
    }

    private Process StartNamed(string name)
    {
        // The kernel takes comm from the executable's file name, so a copy of sleep under an awkward name does it.
        string sleep = File.Exists("/usr/bin/sleep") ? "/usr/bin/sleep" : "/bin/sleep";
        string path = Path.Combine(_dir, name);
        File.Copy(sleep, path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var psi = new ProcessStartInfo(path) { UseShellExecute = false };
        psi.ArgumentList.Add("120");
        Process p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        _started.Add(p);
        return p;
    }

    [Test]
    public void Finds_processes_with_awkward_names_exactly_and_with_their_owner()
    {
        Process parens = StartNamed("a) b (c");
        Process newline = StartNamed("x\ny");
        using var sampler = new Sampler(new SamplerOptions { Filter = UserFilter.None });
        _ = sampler.Sample();
        Snapshot s = sampler.Sample();

        uint me = LibC.geteuid();
        string myName = new PasswdFile("/etc/passwd").NameOf(me);
        ProcessUsage a = s.Processes.Single(p => p.Pid == parens.Id);
        ProcessUsage b = s.Processes.Single(p => p.Pid == newline.Id);
        Assert.Multiple(() =>
        {
            Assert.That(a.Name, Is.EqualTo("a) b (c"));
            Assert.That(b.Name, Is.EqualTo("x\ny"));
            Assert.That(a.Uid, Is.EqualTo(me));
            Assert.That(b.User, Is.EqualTo(myName));
            Assert.That(a.Cmdline, Is.EqualTo(Path.Combine(_dir, "a) b (c") + " 120"));
            Assert.That(a.State, Is.EqualTo('S'));
            Assert.That(a.RssBytes, Is.GreaterThan(0));
            Assert.That(a.Ppid, Is.EqualTo(Environment.ProcessId));
        });
    }

    [Test]
    public void A_process_that_exits_between_passes_is_simply_gone()
    {
        Process p = StartNamed("shortlived");
        using var sampler = new Sampler(new SamplerOptions { Filter = UserFilter.None });
        Assert.That(sampler.Sample().Processes.Any(x => x.Pid == p.Id), Is.True);
        p.Kill();
        p.WaitForExit(5000);
        Assert.That(sampler.Sample().Processes.Any(x => x.Pid == p.Id), Is.False);
    }

    [Test]
    public void Live_per_user_sums_hold_their_processes_and_the_system_is_plausible()
    {
        using var sampler = new Sampler(new SamplerOptions { Filter = UserFilter.None });
        _ = sampler.Sample();
        Thread.Sleep(200);
        Snapshot s = sampler.Sample();
        Assert.That(s.System.CpuCount, Is.GreaterThan(0));
        Assert.That(s.System.MemoryTotalBytes, Is.GreaterThan(0));
        Assert.That(s.System.CpuPercent, Is.InRange(0.0, 100.0));
        Assert.That(s.Processes.Any(p => p.Pid == Environment.ProcessId), Is.True);
        foreach (UserUsage u in s.Users)
        {
            // A user's CPU is their processes' and what those reaped in the interval (or their slice's).
            Assert.That(u.CpuPercent, Is.InRange(0.0, 100.0));
            if (!u.CpuFromSlice)
            {
                Assert.That(u.CpuPercent, Is.GreaterThanOrEqualTo(Math.Min(100, s.Processes.Where(p => p.Uid == u.Uid).Sum(p => p.CpuPercent)) - 1e-9), u.Username);
            }

            Assert.That(u.ProcessCount, Is.EqualTo(s.Processes.Count(p => p.Uid == u.Uid)));
        }
    }
}
