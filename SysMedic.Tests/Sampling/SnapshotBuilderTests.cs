using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

public class SnapshotBuilderTests
{
    private static ProcessUsage Process(Snapshot s, int pid) => s.Processes.Single(p => p.Pid == pid);

    [Test]
    public void System_rates_come_from_the_two_readings()
    {
        SystemUsage s = FixtureSampling.Snapshot().System;
        Assert.Multiple(() =>
        {
            Assert.That(s.CpuPercent, Is.EqualTo(75.0).Within(1e-9));
            Assert.That(s.CpuCount, Is.EqualTo(2));
            Assert.That(s.MemoryPercent, Is.EqualTo(25.0).Within(1e-9));
            Assert.That(s.MemoryUsedBytes, Is.EqualTo(2_000_000L * 1024));
            Assert.That(s.MemoryTotalBytes, Is.EqualTo(8_000_000L * 1024));
            Assert.That(s.UptimeSeconds, Is.EqualTo(1001.0));
            Assert.That(s.LoadAvg1, Is.EqualTo(0.52));
            Assert.That(s.LoadAvg15, Is.EqualTo(0.59));
        });
    }

    [Test]
    public void Network_totals_leave_out_loopback_and_a_counter_that_reset()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.That(s.System.NetworkRxBytesPerSec, Is.EqualTo(1000.0));
        Assert.That(s.System.NetworkTxBytesPerSec, Is.EqualTo(500.0));
        InterfaceUsage lo = s.Interfaces.Single(i => i.Name == "lo");
        Assert.That(lo.RxBytesPerSec, Is.EqualTo(100_000.0));
        Assert.That(lo.IsLoopback, Is.True);
        Assert.That(s.Interfaces.Single(i => i.Name == "wlan0").RxBytesPerSec, Is.Zero);
    }

    [Test]
    public void Each_interface_carries_the_kernels_byte_counters_as_read()
    {
        Snapshot s = FixtureSampling.Snapshot();
        InterfaceUsage eth0 = s.Interfaces.Single(i => i.Name == "eth0");
        Assert.That((eth0.RxBytes, eth0.TxBytes), Is.EqualTo(((ulong?)11_000, (ulong?)20_500)));
        InterfaceUsage wlan0 = s.Interfaces.Single(i => i.Name == "wlan0");
        Assert.That((wlan0.RxBytes, wlan0.TxBytes), Is.EqualTo(((ulong?)100, (ulong?)50)), "a counter that reset is passed on as it is: Prometheus's rate() takes the drop as a reset");
    }

    [TestCase(1, 7.5)]
    [TestCase(100, 50.0)]
    [TestCase(102, 10.0)]
    [TestCase(104, 5.0)]
    [TestCase(112, 0.5)]
    [TestCase(114, 1.0)]
    public void Process_cpu_is_a_share_of_the_whole_machine(int pid, double expected) =>
        Assert.That(Process(FixtureSampling.Snapshot(), pid).CpuPercent, Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void A_reused_pid_counts_only_the_new_process_time() =>
        Assert.That(Process(FixtureSampling.Snapshot(), 110).CpuPercent, Is.EqualTo(10.0).Within(1e-9));

    [Test]
    public void A_counter_that_goes_backwards_gives_zero_not_a_huge_number() =>
        Assert.That(Process(FixtureSampling.Snapshot(), 111).CpuPercent, Is.Zero);

    [Test]
    public void A_long_running_process_missing_from_the_first_reading_gives_zero() =>
        Assert.That(Process(FixtureSampling.Snapshot(), 113).CpuPercent, Is.Zero);

    [Test]
    public void Skips_a_vanished_stat_an_unreadable_stat_a_truncated_stat_and_entries_that_are_not_pids()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.That(s.Processes.Select(p => p.Pid), Is.EqualTo(new[] { 1, 2, 100, 101, 102, 103, 104, 105, 106, 107, 110, 111, 112, 113, 114, 115, 117 }));
    }

    [Test]
    public void Names_are_the_kernel_comm_exactly_with_invalid_bytes_replaced()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(Process(s, 100).Name, Is.EqualTo("a) b (c"));
            Assert.That(Process(s, 101).Name, Is.EqualTo("x\ny"));
            Assert.That(Process(s, 102).Name, Is.EqualTo("tab\there"));
            Assert.That(Process(s, 103).Name, Is.EqualTo("\u001b[31mred"));
            Assert.That(Process(s, 104).Name, Is.EqualTo("bad\uFFFD\uFFFD"));
            Assert.That(Process(s, 105).Name, Is.Empty);
            Assert.That(Process(s, 114).Name, Is.EqualTo("(a)))b"));
        });
    }

    [Test]
    public void Processes_carry_owner_command_line_and_memory()
    {
        Snapshot s = FixtureSampling.Snapshot();
        ProcessUsage p = Process(s, 100);
        Assert.Multiple(() =>
        {
            Assert.That(p.Uid, Is.EqualTo(1000));
            Assert.That(p.User, Is.EqualTo("alice"));
            Assert.That(p.Ppid, Is.EqualTo(1));
            Assert.That(p.State, Is.EqualTo('R'));
            Assert.That(p.Threads, Is.EqualTo(4));
            Assert.That(p.RssBytes, Is.EqualTo(250_000L * 4096));
            Assert.That(p.MemoryPercent, Is.EqualTo(100.0 * 250_000 * 4096 / (8_000_000.0 * 1024)).Within(1e-9));
            Assert.That(p.Cmdline, Is.EqualTo("./a) b (c --busy"));
            Assert.That(Process(s, 104).User, Is.EqualTo("1002"));
            Assert.That(Process(s, 104).Cmdline, Is.EqualTo("/opt/bad\uFFFD"));
        });
    }

    [Test]
    public void Kernel_threads_and_zombies_have_no_command_line_or_memory()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.That(Process(s, 2).Cmdline, Is.Empty);
        Assert.That(Process(s, 112).RssBytes, Is.Zero);
        Assert.That(Process(s, 106).State, Is.EqualTo('Z'));
        Assert.That(Process(s, 106).RssBytes, Is.Zero);
    }

    [Test]
    public void Per_user_sums_equal_the_sum_of_that_users_processes_and_cpu_adds_what_their_processes_reaped()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.That(s.Users.Select(u => u.Username), Is.EquivalentTo(new[] { "root", "alice", "bob", "1002", "www-data", "nobody" }));
        foreach (UserUsage u in s.Users)
        {
            var mine = s.Processes.Where(p => p.Uid == u.Uid).ToList();
            Assert.That(u.CpuPercent, Is.EqualTo(mine.Sum(p => p.CpuPercent) + (100 * u.ExitedCpuSeconds / 2)).Within(1e-9), u.Username);
            Assert.That(u.MemoryPercent, Is.EqualTo(mine.Sum(p => p.MemoryPercent)).Within(1e-9), u.Username);
            Assert.That(u.RssBytes, Is.EqualTo(mine.Sum(p => p.RssBytes)), u.Username);
            Assert.That(u.Pids, Is.EquivalentTo(mine.Select(p => p.Pid)), u.Username);
            Assert.That(u.ProcessCount, Is.EqualTo(mine.Count), u.Username);
        }

        // alice: 100 ticks of her own processes + 32 reaped (40 gained, less cc1's 8 seen at t0); bob: 75 + 20 reaped
        // by make. The machine had 200 ticks (2 CPUs for 1 s).
        Assert.That(s.Users.Single(u => u.Username == "alice").CpuPercent, Is.EqualTo(66.0).Within(1e-9));
        Assert.That(s.Users.Single(u => u.Username == "bob").CpuPercent, Is.EqualTo(47.5).Within(1e-9));
    }

    [Test]
    public void The_default_filter_hides_excluded_system_and_idle_users_but_never_their_processes()
    {
        Snapshot s = FixtureSampling.Snapshot(UserFilter.Default);
        Assert.That(s.Users.Select(u => u.Username), Is.EqualTo(new[] { "alice", "bob", "1002" }));
        Assert.That(s.Processes.Any(p => p.User == "root"), Is.True);
        Assert.That(s.Processes.Any(p => p.User == "nobody"), Is.True);
    }

    [Test]
    public void The_status_follows_the_thresholds() =>
        Assert.That(FixtureSampling.Snapshot().Status, Is.EqualTo(SystemStatus.Medium));

    [Test]
    public void Zero_elapsed_time_gives_zero_rates_not_infinity()
    {
        Snapshot s = SnapshotBuilder.Build(FixtureSampling.Read("t0"), FixtureSampling.Read("t1"), TimeSpan.Zero, FixtureSampling.Options("t1"));
        Assert.That(s.Processes.All(p => p.CpuPercent == 0), Is.True);
        Assert.That(s.System.NetworkRxBytesPerSec, Is.Zero);
        Assert.That(double.IsFinite(s.System.CpuPercent), Is.True);
    }

    [Test]
    public void A_first_reading_has_no_rates()
    {
        Snapshot s = SnapshotBuilder.Build(null, FixtureSampling.Read("t1"), TimeSpan.FromSeconds(5), FixtureSampling.Options("t1"));
        Assert.That(s.System.CpuPercent, Is.Zero);
        Assert.That(s.Processes.All(p => p.CpuPercent == 0), Is.True);
        Assert.That(s.System.MemoryPercent, Is.EqualTo(25.0).Within(1e-9));
    }

    [Test]
    public void A_process_cannot_use_more_than_the_whole_machine()
    {
        // 2 CPUs over 0.1 s is 20 ticks; pid 100 used 100 ticks between the trees.
        Snapshot s = SnapshotBuilder.Build(FixtureSampling.Read("t0"), FixtureSampling.Read("t1"), TimeSpan.FromSeconds(0.1), FixtureSampling.Options("t1"));
        Assert.That(Process(s, 100).CpuPercent, Is.EqualTo(100.0));
    }
}
