using SysMedic.Core.ProcFs;
using SysMedic.Tui.Views.Charts;

namespace SysMedic.Tests.Tui;

public class ChartTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Buckets_average_the_points_of_each_time_slice_and_leave_empty_slices_blank()
    {
        (DateTimeOffset T, double V)[] points = [(Now.AddSeconds(-50), 10), (Now.AddSeconds(-45), 30), (Now.AddSeconds(-5), 80)];

        double[] columns = ChartBuckets.Average(points, p => p.T, p => p.V, Now, TimeSpan.FromSeconds(60), 6);

        Assert.That(columns[1], Is.EqualTo(20));
        Assert.That(columns[5], Is.EqualTo(80));
        Assert.That(columns.Where(double.IsNaN).Count(), Is.EqualTo(4));
    }

    [Test]
    public void Points_older_than_the_window_are_ignored()
    {
        (DateTimeOffset T, double V)[] points = [(Now.AddMinutes(-10), 99)];

        double[] columns = ChartBuckets.Average(points, p => p.T, p => p.V, Now, TimeSpan.FromMinutes(5), 10);

        Assert.That(columns.All(double.IsNaN), Is.True);
    }

    [Test]
    public void Kernel_release_is_read_from_the_proc_root_and_missing_is_null()
    {
        string root = Path.Combine(Path.GetTempPath(), "sysmedic-kernel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "sys", "kernel"));
        try
        {
            Assert.That(KernelRelease.Read(root), Is.Null);
            File.WriteAllText(Path.Combine(root, "sys", "kernel", "osrelease"), "6.8.0-45-generic\n");
            Assert.That(KernelRelease.Read(root), Is.EqualTo("6.8.0-45-generic"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
