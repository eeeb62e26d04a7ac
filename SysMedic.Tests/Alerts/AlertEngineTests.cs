using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;
using static SysMedic.Tests.Sampling.SnapshotFactory;

namespace SysMedic.Tests.Alerts;

public class AlertEngineTests
{
    private static readonly TimeSpan Check = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Suppress = TimeSpan.FromMinutes(30);
    private static readonly Thresholds Limits = Thresholds.Default with { DefaultUser = new UserThreshold(50, 50) };

    private AlertEngine _engine = null!;
    private AlertClearing _clearing = AlertClearing.Immediate;
    private PersistentUserTracker _tracker = null!;
    private int _check;

    [SetUp]
    public void Start()
    {
        _engine = new AlertEngine("web01");
        _tracker = new PersistentUserTracker();
        _clearing = AlertClearing.Immediate;
        _check = 0;
    }

    /// <summary>Runs the next one-minute check with the system at <paramref name="cpu"/>% and the given processes.</summary>
    private IReadOnlyList<Alert> Next(double cpu, params ProcessUsage[] processes) => NextAt(_check++, cpu, processes);

    private IReadOnlyList<Alert> NextAt(int n, double cpu, params ProcessUsage[] processes)
    {
        var window = new CheckWindow();
        window.Add(Make(T0 + (Check * n) + Check, cpu, 20, processes) with { Interval = Check });
        WindowSummary summary = window.Close(UserFilter.Default)!;
        TrackerUpdate update = _tracker.Update(summary, Limits, TimeSpan.FromMinutes(3));
        return _engine.Evaluate(new AlertInput(summary, update, Limits, Suppress) { Clearing = _clearing });
    }

    private static ProcessUsage Alice(double cpu) => Process(4242, 1000, "alice", cpu, name: "train.py");

    [Test]
    public void The_system_alerts_once_per_level_as_it_rises()
    {
        Assert.That(Next(40), Is.Empty);
        Assert.That(Next(55).Single(), Has.Property("Severity").EqualTo(AlertSeverity.Low).And.Property("Type").EqualTo(AlertType.System));
        Assert.That(Next(56), Is.Empty, "no change, no alert");
        Alert high = Next(90).Single();
        Assert.That(high.Severity, Is.EqualTo(AlertSeverity.High));
        Assert.That(high.Message, Is.EqualTo("CPU at 90.0% (threshold 80%)"));
        Assert.That(Next(95), Is.Empty);
    }

    [Test]
    public void Clearing_a_system_alert_raises_one_recovery()
    {
        Next(90);
        Next(91);
        Alert recovery = Next(30).Single();
        Assert.That(recovery.Type, Is.EqualTo(AlertType.Recovery));
        Assert.That(recovery.Severity, Is.EqualTo(AlertSeverity.Low));
        Assert.That(recovery.Subject, Is.EqualTo("system:cpu"));
        Assert.That(recovery.DurationMinutes, Is.EqualTo(3));
        Assert.That(Next(30), Is.Empty);
    }

    [Test]
    public void A_flapping_condition_alerts_once_within_the_suppress_window()
    {
        Assert.That(Next(90), Has.Count.EqualTo(1));
        Assert.That(Next(30).Single().Type, Is.EqualTo(AlertType.Recovery));
        Assert.That(Next(90), Is.Empty, "same alert within 30 minutes");
        Assert.That(Next(30), Is.Empty, "a suppressed alert gets no recovery");
        Assert.That(NextAt(40, 90).Single().Severity, Is.EqualTo(AlertSeverity.High), "after the window it alerts again");
    }

    [Test]
    public void A_user_over_their_threshold_is_medium_and_recovers()
    {
        Alert user = Next(60, Alice(55)).Single(a => a.Type == AlertType.User);
        Assert.That(user.Severity, Is.EqualTo(AlertSeverity.Medium));
        Assert.That(user.Message, Is.EqualTo("alice uses 55.0% CPU (threshold 50%)"));
        Assert.That(Next(60, Alice(56)).Where(a => a.Type == AlertType.User), Is.Empty);
        Alert back = Next(60, Alice(10)).Single(a => a.Type == AlertType.Recovery);
        Assert.That(back.Subject, Is.EqualTo("user:alice:cpu"));
    }

    [Test]
    public void A_persistent_user_alerts_high_and_makes_a_system_alert_critical()
    {
        Next(70, Alice(60));
        Next(70, Alice(60));
        IReadOnlyList<Alert> third = Next(70, Alice(60));
        Assert.That(third.Single(a => a.Type == AlertType.PersistentUser).Severity, Is.EqualTo(AlertSeverity.High));
        Alert critical = Next(90, Alice(60)).Single(a => a.Type == AlertType.System);
        Assert.That(critical.Severity, Is.EqualTo(AlertSeverity.Critical));
        Assert.That(critical.Message, Does.Contain("persistent users: alice"));
        IReadOnlyList<Alert> calm = Next(20);
        Assert.That(calm.Where(a => a.Type == AlertType.Recovery).Select(a => a.Subject), Is.EquivalentTo(new[] { "system:cpu", "user:alice:cpu", "persistent:alice:cpu" }));
    }

    [Test]
    public void The_content_names_the_host_the_users_their_processes_and_what_to_do()
    {
        Alert a = Next(90, Alice(60)).First(x => x.Type == AlertType.System);
        Assert.That(a.Content.Title, Does.StartWith("[SysMedic] HIGH web01: CPU at 90.0%"));
        Assert.That(a.Content.Text, Does.Contain("Host:     web01").And.Contain("Load:").And.Contain("Uptime:"));
        Assert.That(a.Content.Text, Does.Contain("alice: CPU 60.0%").And.Contain("pid 4242 train.py"));
        Assert.That(a.Content.Text, Does.Contain("renice -n 10 -u alice").And.Contain("ps -o pid,etime,pcpu,rss,args -p 4242"));
        Assert.That(a.Content.Html, Does.Contain("<h2>CPU at 90.0% (threshold 80%)</h2>"));
        Assert.That(a.PrimaryCause, Is.EqualTo("alice"));
    }

    [Test]
    public void Html_content_escapes_hostile_process_names()
    {
        Alert a = Next(90, Process(7, 1000, "alice", 60, name: "<script>"))[0];
        Assert.That(a.Content.Html, Does.Not.Contain("<script>"));
        Assert.That(a.Content.Html, Does.Contain("&lt;script&gt;"));
    }

    [Test]
    public void A_restart_remembers_what_was_raised_recently()
    {
        Alert first = Next(90).Single();
        _engine = new AlertEngine("web01");
        _engine.RestoreLastRaised([new(AlertEngine.KeyOf(first.Type, first.Subject, first.Severity), first.Timestamp)]);
        Assert.That(Next(90), Is.Empty);
    }

    [Test]
    public void A_value_hovering_at_the_threshold_alerts_once_and_recovers_only_after_staying_under_by_the_margin()
    {
        _clearing = new AlertClearing(10, TimeSpan.FromMinutes(3));
        Assert.That(Next(60, Alice(55)).Count(a => a.Type == AlertType.User), Is.EqualTo(1));
        int[] hovering = [48, 52, 46, 51, 49, 53, 47];
        foreach (int cpu in hovering)
        {
            Assert.That(Next(60, Alice(cpu)).Where(a => a.Subject == "user:alice:cpu"), Is.Empty, $"{cpu}% is within 10% of the 50% threshold");
        }

        Assert.That(Next(60, Alice(44)), Is.Empty, "under 45%, but for one check only");
        Assert.That(Next(60, Alice(40)), Is.Empty);
        Alert back = Next(60, Alice(30)).Single(a => a.Type == AlertType.Recovery);
        Assert.That(back.Subject, Is.EqualTo("user:alice:cpu"));
        Assert.That(Next(60, Alice(52)).Where(a => a.Type == AlertType.User), Is.Empty, "over again within the suppress window: tracked, not mailed");
        Assert.That(_engine.Conditions.Select(c => c.Subject), Does.Contain("user:alice:cpu"));
    }

    [Test]
    public void A_system_level_falls_only_below_the_margin_and_after_the_clearing_time()
    {
        _clearing = new AlertClearing(10, TimeSpan.FromMinutes(2));
        Assert.That(Next(85).Single().Severity, Is.EqualTo(AlertSeverity.High));
        Assert.That(Next(75), Is.Empty, "75% is within 10% of 80%: still high");
        Assert.That(_engine.Conditions.Single().Level, Is.EqualTo(AlertSeverity.High));
        Assert.That(Next(70), Is.Empty, "under 72%, waiting out the clearing time");
        Alert recovery = Next(70).Single();
        Assert.That((recovery.Type, recovery.Subject), Is.EqualTo((AlertType.Recovery, "system:cpu")));
        Assert.That(_engine.Conditions.Single().Level, Is.EqualTo(AlertSeverity.Low), "70% is still over 60% of the threshold");
    }

    [Test]
    public void Conditions_restored_after_a_restart_raise_nothing_and_still_recover()
    {
        Next(90, Alice(60));
        IReadOnlyList<AlertCondition> stored = _engine.Conditions;
        Assert.That(stored.Select(c => (c.Subject, c.Level, c.Alerted)), Is.EquivalentTo(new[] { ("system:cpu", AlertSeverity.High, true), ("user:alice:cpu", AlertSeverity.Medium, true) }));

        // A new engine remembers nothing it raised: only the restored conditions keep it quiet.
        _engine = new AlertEngine("web01");
        _engine.Restore(stored);
        Assert.That(Next(90, Alice(60)), Is.Empty, "unchanged, so nothing to say");
        IReadOnlyList<Alert> calm = Next(20);
        Assert.That(calm.Where(a => a.Type == AlertType.Recovery).Select(a => a.Subject), Is.SupersetOf(new[] { "system:cpu", "user:alice:cpu" }));
    }

    [Test]
    public void Critical_back_to_high_is_no_recovery_and_keeps_the_one_due()
    {
        Next(70, Alice(60));
        Next(70, Alice(60));
        Next(70, Alice(60));
        Assert.That(Next(90, Alice(60)).Single(a => a.Type == AlertType.System).Severity, Is.EqualTo(AlertSeverity.Critical));
        Assert.That(Next(90).Where(a => a.Subject == "system:cpu"), Is.Empty, "alice left: critical is high again, still over the threshold");
        Assert.That(_engine.Conditions.Single(c => c.Subject == "system:cpu").Level, Is.EqualTo(AlertSeverity.High));
        Assert.That(Next(20).Where(a => a.Type == AlertType.Recovery).Select(a => a.Subject), Does.Contain("system:cpu"));
    }
}
