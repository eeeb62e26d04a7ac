using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class SystemFileTests
{
    [Test]
    public void Reads_cpu_times_and_counts_the_cpu_lines()
    {
        Assert.That(SystemStat.TryParse(FixturePaths.ProcFile("t0", "stat"), out SystemStat stat), Is.True);
        Assert.That(stat.CpuCount, Is.EqualTo(2));
        Assert.That(stat.Cpu, Is.EqualTo(new CpuTimes(1000, 0, 500, 8000, 100, 0, 0, 0)));
        Assert.That(stat.Cpu.Total, Is.EqualTo(9600));
        Assert.That(stat.Cpu.IdleTotal, Is.EqualTo(8100));
        Assert.That(stat.ProcsRunning, Is.EqualTo(2));
        Assert.That(stat.ProcsBlocked, Is.EqualTo(1));
    }

    [Test]
    public void Reads_an_old_kernel_cpu_line_without_steal()
    {
        Assert.That(SystemStat.TryParse("cpu 1 2 3 4\ncpu0 1 2 3 4\n"u8, out SystemStat stat), Is.True);
        Assert.That(stat.Cpu.Total, Is.EqualTo(10));
    }

    [Test]
    public void Refuses_a_stat_file_without_the_cpu_line() =>
        Assert.That(SystemStat.TryParse("intr 1\nctxt 2\n"u8, out _), Is.False);

    [Test]
    public void Reads_meminfo_in_bytes_and_computes_used_as_total_minus_available()
    {
        Assert.That(MemInfo.TryParse(FixturePaths.ProcFile("t0", "meminfo"), out MemInfo m), Is.True);
        Assert.That(m.TotalBytes, Is.EqualTo(8_000_000L * 1024));
        Assert.That(m.AvailableBytes, Is.EqualTo(6_000_000L * 1024));
        Assert.That(m.UsedBytes, Is.EqualTo(2_000_000L * 1024));
        Assert.That(m.SwapTotalBytes - m.SwapFreeBytes, Is.EqualTo(250_000L * 1024));
    }

    [Test]
    public void Estimates_available_memory_on_kernels_without_MemAvailable()
    {
        Assert.That(MemInfo.TryParse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n"u8, out MemInfo m), Is.True);
        Assert.That(m.AvailableBytes, Is.EqualTo(400 * 1024));
    }

    [Test]
    public void Reads_load_averages_and_task_counts()
    {
        Assert.That(LoadAvg.TryParse(FixturePaths.ProcFile("t0", "loadavg"), out LoadAvg l), Is.True);
        Assert.That(l, Is.EqualTo(new LoadAvg(0.52, 0.58, 0.59, 2, 123)));
    }

    [Test]
    public void Reads_uptime_seconds()
    {
        Assert.That(Uptime.TryParse(FixturePaths.ProcFile("t1", "uptime"), out double s), Is.True);
        Assert.That(s, Is.EqualTo(1001.0));
    }

    [Test]
    public void Reads_every_interface_of_net_dev()
    {
        var list = new List<InterfaceCounters>();
        NetDev.Parse(FixturePaths.ProcFile("t0", "net/dev"), list);
        Assert.That(list.Select(i => i.Name), Is.EqualTo(new[] { "lo", "eth0", "wlan0" }));
        Assert.That(list[1], Is.EqualTo(new InterfaceCounters("eth0", 10000, 50, 20000, 60)));
        Assert.That(list[0].IsLoopback, Is.True);
    }

    [Test]
    public void Reads_an_interface_glued_to_its_first_number()
    {
        var list = new List<InterfaceCounters>();
        NetDev.Parse("h1\nh2\n  eth0:123456789 5 0 0 0 0 0 0 42 7 0 0 0 0 0 0\n"u8, list);
        Assert.That(list.Single(), Is.EqualTo(new InterfaceCounters("eth0", 123456789, 5, 42, 7)));
    }

    [Test]
    public void Reads_the_effective_uid_from_status()
    {
        Assert.That(PidStatus.TryParse("Name:\tx\nUid:\t1000\t0\t0\t0\nGid:\t1\t1\t1\t1\n"u8, out PidStatus s), Is.True);
        Assert.That(s, Is.EqualTo(new PidStatus(1000, 0)));
        Assert.That(PidStatus.TryParse("Name:\tx\n"u8, out _), Is.False);
    }

    [Test]
    public void Measures_the_disk_of_a_path_like_df()
    {
        DiskUsage d = DiskUsage.Read(Path.GetTempPath());
        Assert.That(d.TotalBytes, Is.GreaterThan(0));
        Assert.That(d.UsedPercent, Is.InRange(0.0, 100.0));
        Assert.That(new DiskUsage(1000, 400, 300).UsedPercent, Is.EqualTo(100.0 * 600 / 900));
        var drive = new DriveInfo(Path.GetTempPath());
        Assert.That(d.TotalBytes, Is.EqualTo(drive.TotalSize), "one statvfs agrees with .NET's statfs");
        Assert.That(DiskUsage.Read("/nonexistent/path"), Is.EqualTo(default(DiskUsage)));
    }
}
