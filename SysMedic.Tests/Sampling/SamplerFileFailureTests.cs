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

    [Test]
    public void A_host_without_pressure_cgroup_v2_or_readable_io_says_so_once_and_samples_on()
    {
        var logger = new ListLogger();
        using var sampler = new Sampler(FixtureSampling.Options("legacy", withSys: true), logger: logger);
        Snapshot s = sampler.Sample();
        for (int i = 0; i < 2; i++)
        {
            s = sampler.Sample();
        }

        Assert.Multiple(() =>
        {
            Assert.That(s.Processes, Has.Count.EqualTo(17), "every process is still read");
            Assert.That(s.System.Pressure, Is.Null);
            Assert.That(s.AllUsers.All(u => u.DiskReadBytesPerSec is null && !u.CpuFromSlice), Is.True);
            Assert.That(sampler.FileFailures, Is.Empty, "absent is not a failure");
            Assert.That(logger.Entries.Where(e => e.Level >= LogLevel.Warning), Is.Empty);
            string[] said = [.. logger.Entries.Select(e => e.Message)];
            Assert.That(said, Has.Exactly(1).Contains("has no cgroup v2 hierarchy"));
            Assert.That(said, Has.Exactly(1).Contains(Path.Combine("pressure", "cpu") + " is absent"));
            Assert.That(said, Has.Exactly(1).Contains(Path.Combine("pressure", "memory") + " is absent"));
            Assert.That(said, Has.Exactly(1).Contains("cannot be read for some processes"));
            Assert.That(said, Has.Length.EqualTo(5));
        });
    }

    [Test]
    public void Malformed_pressure_and_slice_files_are_counted_and_logged_once_and_the_rest_is_read()
    {
        var logger = new ListLogger();
        using var sampler = new Sampler(FixtureSampling.Options("broken", withSys: true), logger: logger);
        _ = sampler.Sample();
        Snapshot s = sampler.Sample();
        string slice = Path.Combine(FixturePaths.Sys("broken"), "fs", "cgroup", "user.slice", "user-1000.slice", "cpu.stat");
        Assert.Multiple(() =>
        {
            Assert.That(sampler.FileFailures.Keys, Is.EquivalentTo(new[] { Path.Combine(FixturePaths.Proc("broken"), "pressure/cpu"), Path.Combine(FixturePaths.Proc("broken"), "pressure/memory"), slice }));
            Assert.That(sampler.FileFailures.Values, Is.All.EqualTo(2));
            Assert.That(logger.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(3));
            Assert.That(s.System.Pressure!.Io, Is.Not.Null, "the file that parses is used");
            Assert.That((s.System.Pressure.Cpu, s.System.Pressure.Memory), Is.EqualTo(((PressureUsage?)null, (PressureUsage?)null)));
            Assert.That(s.AllUsers.Single(u => u.Username == "alice").CpuFromSlice, Is.False, "a slice that cannot be read is left to the processes");
            Assert.That(s.AllUsers.Single(u => u.Username == "bob").CpuFromSlice, Is.True);
            Assert.That(s.Processes.Single(p => p.Pid == 100).DiskReadBytesPerSec, Is.Null);
            Assert.That(s.Processes.Single(p => p.Pid == 101).Cgroup, Is.Null);
        });
    }
}
