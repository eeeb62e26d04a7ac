using Microsoft.Extensions.Logging;
using SysMedic.Core.Sampling;
using SysMedic.Tests.Agent;
using SysMedic.Tests.Storage;

namespace SysMedic.Tests.Sampling;

public class SamplerFileFailureTests
{
    [Test]
    public void A_system_file_that_cannot_be_read_is_counted_and_logged_once_with_its_path()
    {
        using var tree = new LoopHarness();
        var logger = new ListLogger();
        using var sampler = new Sampler(FixtureSampling.Options("t1") with { ProcRoot = tree.ProcRoot }, tree.Time, logger);
        string meminfo = Path.Combine(tree.ProcRoot, "meminfo");
        string saved = File.ReadAllText(meminfo);
        _ = sampler.Sample();
        Assert.That(sampler.FileFailures, Is.Empty);

        File.Delete(meminfo);
        for (int i = 0; i < 3; i++)
        {
            Assert.That(sampler.Sample().System.MemoryTotalBytes, Is.Zero, "left at zero, the pass goes on");
        }

        File.WriteAllText(Path.Combine(tree.ProcRoot, "loadavg"), "garbage\n");
        _ = sampler.Sample();

        Assert.That(sampler.FileFailures[meminfo], Is.EqualTo(4));
        Assert.That(sampler.FileFailures[Path.Combine(tree.ProcRoot, "loadavg")], Is.EqualTo(1));
        Assert.That(logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message), Has.Exactly(1).StartsWith(meminfo).And.Exactly(2).Items);

        File.WriteAllText(meminfo, saved);
        Assert.That(sampler.Sample().System.MemoryTotalBytes, Is.EqualTo(8_000_000L * 1024));
        Assert.That(logger.Entries.Count(e => e.Message == $"{meminfo} can be read again"), Is.EqualTo(1));
    }
}
