using SysMedic.Core.ProcFs;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

/// <summary>
/// Real short-lived processes on the live machine: a user running hundreds of ~10 ms processes is charged their CPU
/// by the exact accounting (the reaping-parent method, with no slice), while the processes alive at each sample add up
/// to a small part of it. bench/Usage measures the same at 3,000 processes, with the figures in bench/README.md.
/// </summary>
[CancelAfter(600_000)]
public class ShortLivedAccuracyTests
{
    // A uid of its own, with no passwd entry and no other process, so nothing else is counted for it.
    private const int Uid = 64_321;

    [Test]
    public void A_user_running_short_lived_processes_is_charged_their_cpu_within_10_percent()
    {
        if (LibC.geteuid() != 0)
        {
            Assert.Ignore("needs root: the processes run as a uid of their own (setpriv), so that uid's figure is theirs alone");
        }

        if (!File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv"))
        {
            Assert.Ignore("setpriv (util-linux) is not installed");
        }

        int hz = HostParameters.ClockTicksPerSecond;
        using var sampler = new Sampler(new SamplerOptions { Filter = UserFilter.None, SysRoot = FixturePaths.NoSys });
        _ = sampler.Sample();
        double exact = 0, plain = 0;
        using var loop = new ShortLivedLoop(Uid, count: 600, iterations: 10_000, linger: 3);
        while (!loop.HasExited)
        {
            Thread.Sleep(1000);
            Snapshot s = sampler.Sample();
            exact += s.AllUsers.Where(u => u.Uid == Uid).Sum(u => u.CpuSeconds);
            plain += s.Processes.Where(p => p.Uid == Uid).Sum(p => p.CpuPercent) / 100 * s.Interval.TotalSeconds * s.System.CpuCount;
        }

        double truth = loop.TruthSeconds(hz);
        TestContext.Out.WriteLine($"truth {truth:0.00} s, exact {exact:0.00} s ({100 * exact / truth:0.0}%), processes alive at the samples {plain:0.00} s ({100 * plain / truth:0.0}%)");
        Assert.That(truth, Is.GreaterThan(1.0), "the loop did work");
        Assert.That(exact, Is.EqualTo(truth).Within(10).Percent);
        Assert.That(plain, Is.LessThan(truth / 2), "a sampler of the processes alive misses most of it");
    }
}
