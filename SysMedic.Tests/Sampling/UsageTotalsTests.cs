using SysMedic.Core.Sampling;
using SysMedic.Tests.Agent;

namespace SysMedic.Tests.Sampling;

public class UsageTotalsTests
{
    [Test]
    public void Totals_add_each_interval_and_never_go_down()
    {
        using var tree = new LoopHarness();
        using var sampler = new Sampler(FixtureSampling.Options("t1") with { ProcRoot = tree.ProcRoot }, tree.Time);
        Snapshot first = sampler.Sample();
        Assert.That(first.Totals!.Since, Is.EqualTo(LoopHarness.Start));
        Assert.That(first.Totals.Users.Sum(u => u.CpuSeconds), Is.Zero, "a first reading counts nothing");

        // pid 100 runs 50 more ticks and its own I/O grows; then the same again.
        for (int step = 1; step <= 2; step++)
        {
            Rewrite(tree.ProcRoot, "100/stat", $"{1090 + (50 * (step - 1))} 210", $"{1090 + (50 * step)} 210");
            Rewrite(tree.ProcRoot, "100/io", $"read_bytes: {1_800_000 + (4096 * (step - 1))}", $"read_bytes: {1_800_000 + (4096 * step)}");
            tree.Time.Advance(TimeSpan.FromSeconds(2));
            UserTotal alice = sampler.Sample().Totals!.Users.Single(u => u.Username == "alice");
            Assert.That((alice.CpuSeconds, alice.DiskReadBytes), Is.EqualTo((0.5 * step, 4096L * step)));
        }

        // The counter went backwards (pid 100 was replaced by a process that started before it): nothing is taken off.
        Rewrite(tree.ProcRoot, "100/stat", "1190 210", "10 210");
        tree.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(sampler.Sample().Totals!.Users.Single(u => u.Username == "alice").CpuSeconds, Is.EqualTo(1.0));
    }

    private static void Rewrite(string root, string file, string from, string to)
    {
        string path = Path.Combine(root, file);
        string text = File.ReadAllText(path);
        Assert.That(text, Does.Contain(from), file);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
