using SysMedic.Core.ProcFs;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

public class UsageAccountingTests
{
    private static UserUsage User(Snapshot s, string name) => s.AllUsers.Single(u => u.Username == name);

    [Test]
    public void A_user_is_charged_what_their_processes_reaped_less_what_was_seen_of_the_children()
    {
        // alice's pid 100 gained 40 ticks of children; 8 of them are cc1's (116), seen at t0 and counted then.
        UserUsage alice = User(FixtureSampling.Snapshot(), "alice");
        Assert.Multiple(() =>
        {
            Assert.That(alice.CpuSeconds, Is.EqualTo(1.32).Within(1e-9));
            Assert.That(alice.ExitedCpuSeconds, Is.EqualTo(0.32).Within(1e-9));
            Assert.That(alice.CpuFromSlice, Is.False);
        });
    }

    [Test]
    public void A_process_that_started_in_the_interval_is_charged_all_its_time_and_all_it_reaped()
    {
        // bob: 102 used 20 ticks; the reused pid 110 (a new process) 20; make (117), new, 35 and 20 reaped.
        UserUsage bob = User(FixtureSampling.Snapshot(), "bob");
        Assert.That((bob.CpuSeconds, bob.ExitedCpuSeconds, bob.NewProcesses), Is.EqualTo((0.95, 0.2, 2)));
    }

    [Test]
    public void A_plain_sum_of_the_processes_seen_misses_what_ended_between_the_readings()
    {
        Snapshot s = FixtureSampling.Snapshot();
        double seen = s.Processes.Where(p => p.User == "alice").Sum(p => p.CpuPercent);
        Assert.That(seen, Is.EqualTo(50.0).Within(1e-9));
        Assert.That(User(s, "alice").CpuPercent, Is.EqualTo(66.0).Within(1e-9));
    }

    [Test]
    public void Disk_bytes_are_summed_per_user_with_what_a_reaped_child_did_while_seen_taken_once()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.Multiple(() =>
        {
            // 100 gained 800,000 read and 400,000 written, of which cc1 had done 100,000 and 50,000 while seen.
            Assert.That(s.Processes.Single(p => p.Pid == 100).DiskReadBytesPerSec, Is.EqualTo(700_000));
            Assert.That((User(s, "alice").DiskReadBytes, User(s, "alice").DiskWriteBytes), Is.EqualTo((700_000L, 350_000L)));
            Assert.That(User(s, "alice").DiskReadBytesPerSec, Is.EqualTo(700_000));

            // bob: 102 read 8,192 and wrote 4,096; make, new, read 65,536.
            Assert.That((User(s, "bob").DiskReadBytes, User(s, "bob").DiskWriteBytes), Is.EqualTo((73_728L, 4_096L)));
            Assert.That(User(s, "root").DiskReadBytesPerSec, Is.EqualTo(4_096));
        });
    }

    [Test]
    public void Disk_io_that_cannot_be_read_is_absent_not_zero()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.That(s.Processes.Single(p => p.Pid == 104).DiskReadBytesPerSec, Is.Null);
        Assert.That(User(s, "1002").DiskReadBytesPerSec, Is.Null);
        Assert.That(User(s, "1002").DiskWriteBytesPerSec, Is.Null);
    }

    [Test]
    public void Processes_carry_their_cgroup()
    {
        Snapshot s = FixtureSampling.Snapshot();
        Assert.That(s.Processes.Single(p => p.Pid == 100).Cgroup, Is.EqualTo("/user.slice/user-1000.slice/session-3.scope"));
        Assert.That(s.Processes.Single(p => p.Pid == 117).Cgroup, Is.EqualTo("/system.slice/cron.service"));
        Assert.That(s.Processes.Single(p => p.Pid == 112).Cgroup, Is.Null, "kernel threads are not read");
    }

    [Test]
    public void A_user_with_a_slice_is_charged_the_slice_and_the_rest_by_their_processes()
    {
        Snapshot s = FixtureSampling.Snapshot(withSys: true);
        Assert.Multiple(() =>
        {
            // alice's processes are all in her slice, which used 1.25 s; bob's are in cron.service, uid 1002's slice is not there.
            Assert.That(User(s, "alice").CpuSeconds, Is.EqualTo(1.25).Within(1e-9));
            Assert.That(User(s, "alice").CpuFromSlice, Is.True);
            Assert.That(User(s, "alice").ExitedCpuSeconds, Is.Zero, "the slice counted them");
            Assert.That(User(s, "alice").CpuPercent, Is.EqualTo(62.5).Within(1e-9));
            Assert.That(User(s, "bob").CpuSeconds, Is.EqualTo(0.95).Within(1e-9));
            Assert.That(User(s, "bob").CpuFromSlice, Is.False);
            Assert.That(User(s, "1002").CpuSeconds, Is.EqualTo(0.1).Within(1e-9));
        });
    }

    [Test]
    public void A_slice_user_gets_the_slice_pressure_over_the_interval()
    {
        ResourcePressure pressure = User(FixtureSampling.Snapshot(withSys: true), "alice").Pressure!;
        Assert.That(pressure.Memory!.SomePercent, Is.EqualTo(5.0).Within(1e-9));
        Assert.That(pressure.Memory.SomeAvg10, Is.EqualTo(3.0));
        Assert.That(User(FixtureSampling.Snapshot(withSys: true), "bob").Pressure, Is.Null);
    }

    [Test]
    public void System_pressure_is_exact_over_the_interval_beside_the_kernel_averages()
    {
        ResourcePressure p = FixtureSampling.Snapshot().System.Pressure!;
        Assert.Multiple(() =>
        {
            Assert.That(p.Cpu!.SomePercent, Is.EqualTo(5.0).Within(1e-9));
            Assert.That(p.Cpu.SomeAvg10, Is.EqualTo(4.5));
            Assert.That((p.Memory!.SomePercent, p.Memory.FullPercent), Is.EqualTo((10.0, 2.0)).Within(1e-9));
            Assert.That((p.Io!.SomePercent, p.Io.FullPercent), Is.EqualTo((30.0, 10.0)).Within(1e-9));
            Assert.That(p.Io.SomeTotalSeconds, Is.EqualTo(3.3));
        });
    }

    [Test]
    public void The_machine_counts_the_processes_started_in_the_interval() =>
        Assert.That(FixtureSampling.Snapshot().System.ProcessesStarted, Is.EqualTo(3));

    [Test]
    public void An_ended_child_whose_parent_ended_too_is_taken_from_the_nearest_living_ancestor()
    {
        // shell (10) -> make (11, seen with 30 ticks) -> cc1 (12, seen with 50). Both end; the shell gains 100.
        RawReading before = Reading(0, P(10, 1, 5, 0), P(11, 10, 30, 0), P(12, 11, 50, 0));
        RawReading after = Reading(1, P(10, 1, 5, 100));
        UserUsage u = Account(before, after).Single();
        Assert.That(u.CpuSeconds, Is.EqualTo(0.2).Within(1e-9), "100 reaped, less the 80 seen");
    }

    [Test]
    public void An_ended_child_never_takes_the_reaper_below_zero()
    {
        // The reaper read before it waited for the child (a scan is not atomic): nothing gained yet, nothing owed.
        RawReading before = Reading(0, P(10, 1, 5, 0), P(11, 10, 30, 0));
        RawReading after = Reading(1, P(10, 1, 7, 0));
        Assert.That(Account(before, after).Single().CpuSeconds, Is.EqualTo(0.02).Within(1e-9));
    }

    [Test]
    public void A_reused_pid_ends_the_process_it_was()
    {
        // pid 11 was a child of 10 with 30 ticks; now it is another process (new start time) with 4.
        RawReading before = Reading(0, P(10, 1, 5, 0), P(11, 10, 30, 0, start: 10));
        RawReading after = Reading(1, P(10, 1, 5, 31), P(11, 10, 4, 0, start: 150));
        Assert.That(Account(before, after).Single().CpuSeconds, Is.EqualTo(0.05).Within(1e-9), "1 tick of the old 11's end, 4 of the new one's");
    }

    private static IReadOnlyList<UserUsage> Account(RawReading before, RawReading after) =>
        SnapshotBuilder.Build(before, after, TimeSpan.FromSeconds(1), new SamplerOptions { ClockTicksPerSecond = 100, Filter = UserFilter.None }).AllUsers;

    // A process of uid 1000 with own and children ticks; start in ticks after boot.
    private static ProcessSample P(int pid, int ppid, ulong ticks, ulong children, ulong start = 1) =>
        new(new ProcessInfo(pid, start) { Uid = 1000, User = "alice" }, ppid, (byte)'S', 20, 0, 1, ticks, 100) { ChildrenCpuTicks = children };

    // A reading at uptime 1 + at seconds (so a start time of 1.5 s, 150 ticks, is after the first reading).
    private static RawReading Reading(double at, params ProcessSample[] processes)
    {
        var system = new SystemSample(new SystemStat(default, 1, 0, 0), new MemInfo(1 << 30, 0, 1 << 30, 0, 0, 0, 0), default, 1 + at, [], default);
        return new RawReading(system, processes, processes.Length, (long)(at * 1000), DateTimeOffset.UnixEpoch.AddSeconds(at));
    }
}
