using SysMedic.Core.Sampling;
using static SysMedic.Tests.Sampling.SnapshotFactory;

namespace SysMedic.Tests.Sampling;

public class ProcessWindowTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    private ProcessWindow _processes = null!;
    private CheckWindow _window = null!;
    private int _at;

    [SetUp]
    public void Start()
    {
        _processes = new ProcessWindow();
        _window = new CheckWindow();
        _at = 0;
    }

    // A snapshot 20 s after the previous one, on 4 CPUs (Make's default).
    private void Add(params ProcessUsage[] processes)
    {
        _at++;
        Snapshot s = Make(T0 + (Step * _at), 50, 20, processes) with { Interval = Step };
        _window.Add(s);
        _processes.Add(s);
    }

    private IReadOnlyList<RecordedProcess> Close(int perMetric = 20, params string[] watched)
    {
        WindowSummary summary = _window.Close(UserFilter.None)!;
        _window = new CheckWindow();
        return _processes.Close(summary, perMetric, watched.Contains);
    }

    private static ProcessUsage P(int pid, double cpuNow, double cpuTime, double memory = 1, string user = "alice", uint uid = 1000, double started = 100) =>
        Process(pid, uid, user, cpuNow, memory, "work") with { CpuTimeSeconds = cpuTime, StartTimeSeconds = started };

    [Test]
    public void Cpu_over_the_window_comes_from_the_counters_at_its_ends_not_from_one_instant()
    {
        Add(P(7, 12.5, 110));   // 10 s of CPU in the first 20 s: 100 s before the window
        Add(P(7, 90, 118));     // one busy instant
        Add(P(7, 1, 130));

        RecordedProcess r = Close().Single();
        Assert.That(r.Process.CpuPercent, Is.EqualTo(100.0 * 30 / (60 * 4)).Within(1e-9), "30 s of CPU over 60 s of 4 CPUs");
        Assert.That(r.Process.State, Is.EqualTo('R'));
    }

    [Test]
    public void The_next_window_counts_from_where_the_last_one_ended()
    {
        Add(P(7, 12.5, 110));
        _ = Close();
        Add(P(7, 0, 110));
        Add(P(7, 25, 130));

        Assert.That(Close().Single().Process.CpuPercent, Is.EqualTo(100.0 * 20 / (40 * 4)).Within(1e-9));
    }

    [Test]
    public void A_busy_process_that_ended_during_the_window_is_recorded_as_ended()
    {
        Add(P(7, 50, 40), P(8, 0, 1));
        Add(P(7, 50, 80), P(8, 0, 1));
        Add(P(8, 0, 1));

        RecordedProcess ended = Close().Single(r => r.Process.Pid == 7);
        Assert.That(ended.Process.State, Is.EqualTo(RecordedProcess.EndedState));
        Assert.That(ended.Process.CpuPercent, Is.GreaterThan(10));
        Add(P(8, 0, 1));
        Assert.That(Close().Select(r => r.Process.Pid), Is.EqualTo(new[] { 8 }), "an ended process is forgotten");
    }

    [Test]
    public void A_reused_pid_is_another_process()
    {
        Add(P(7, 50, 500, started: 100));
        Add(P(7, 10, 2, started: 9000));

        RecordedProcess[] recorded = [.. Close()];
        Assert.That(recorded.Select(r => (r.Process.State, r.Process.StartTimeSeconds)), Is.EquivalentTo(new[] { (RecordedProcess.EndedState, 100.0), ('R', 9000.0) }));
    }

    [Test]
    public void The_busiest_by_cpu_and_by_memory_are_kept_and_the_idle_rest_is_not()
    {
        Add(P(1, 0, 0, memory: 30), P(2, 0, 0, memory: 1), P(3, 0, 0, memory: 2), P(4, 0, 0, memory: 3), P(5, 0, 0, memory: 4));
        Add(P(1, 0, 0, memory: 30), P(2, 40, 16, memory: 1), P(3, 30, 12, memory: 2), P(4, 0, 0, memory: 3), P(5, 5, 2, memory: 4));

        int[] pids = [.. Close(perMetric: 2).Select(r => r.Process.Pid)];
        Assert.That(pids, Is.EquivalentTo(new[] { 2, 3, 1, 5 }), "CPU: 2 and 3; memory: 1 and 5");
        Assert.That(pids[0], Is.EqualTo(2), "busiest first");
    }

    [Test]
    public void Every_process_of_a_watched_user_is_kept_up_to_the_cap()
    {
        ProcessUsage[] bobs = [.. Enumerable.Range(100, 5).Select(pid => P(pid, 0, 0, memory: 0.1, user: "bob", uid: 1001))];
        Add([P(1, 50, 20), .. bobs]);
        Add([P(1, 50, 40), .. bobs]);

        IReadOnlyList<RecordedProcess> recorded = Close(2, "bob");
        Assert.That(recorded.Count(r => r.Process.User == "bob"), Is.EqualTo(2), "at most perMetric per watched user");
        Assert.That(recorded.Select(r => r.Process.Pid), Does.Contain(1));
        Add([P(1, 50, 60), .. bobs]);
        Assert.That(Close(0, "bob"), Is.Empty, "0 records nothing");
    }

    [Test]
    public void The_start_time_is_the_wall_clock_time_the_process_started()
    {
        Add(P(7, 1, 1, started: 400));
        RecordedProcess r = Close().Single();

        // Make's uptime is 1000 s at the snapshot: it started 600 s before it.
        Assert.That(r.StartedAt, Is.EqualTo(T0 + Step - TimeSpan.FromSeconds(600)));
    }
}
