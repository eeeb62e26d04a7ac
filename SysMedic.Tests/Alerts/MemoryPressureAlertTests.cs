using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;
using static SysMedic.Tests.Sampling.SnapshotFactory;

namespace SysMedic.Tests.Alerts;

public class MemoryPressureAlertTests
{
    private static readonly TimeSpan Check = TimeSpan.FromMinutes(1);
    private static readonly MemoryPressureRule Rule = new(10, TimeSpan.FromMinutes(3));

    private AlertEngine _engine = null!;
    private int _check;

    [SetUp]
    public void Start()
    {
        _engine = new AlertEngine("web01");
        _check = 0;
    }

    /// <summary>The next one-minute check with all tasks stalled on memory <paramref name="full"/>% of it (null: no pressure files).</summary>
    private IReadOnlyList<Alert> Next(double? full, MemoryPressureRule? rule = null, AlertClearing? clearing = null)
    {
        Snapshot s = Make(T0 + (Check * ++_check), 10, 20) with { Interval = Check };
        if (full is { } f)
        {
            s = s with { System = s.System with { Pressure = new ResourcePressure(null, new PressureUsage(0, 0, 0, f, 0, 0, 0, 0, f, 0), null) } };
        }

        var window = new CheckWindow();
        window.Add(s);
        WindowSummary summary = window.Close(UserFilter.Default)!;
        TrackerUpdate update = new PersistentUserTracker().Update(summary, Thresholds.Default, TimeSpan.FromMinutes(60));
        return _engine.Evaluate(new AlertInput(summary, update, Thresholds.Default, TimeSpan.FromMinutes(30)) { MemoryPressure = rule ?? Rule, Clearing = clearing ?? AlertClearing.Immediate });
    }

    [Test]
    public void Memory_pressure_alerts_high_once_it_has_lasted_the_rules_time()
    {
        Assert.That(Next(15), Is.Empty);
        Assert.That(Next(12), Is.Empty);
        Alert alert = Next(20).Single();
        Assert.Multiple(() =>
        {
            Assert.That((alert.Type, alert.Severity, alert.Subject), Is.EqualTo((AlertType.System, AlertSeverity.High, "system:memory_pressure")));
            Assert.That(alert.Message, Is.EqualTo("Memory pressure: all tasks stalled on memory 20.0% of the time for 3m 00s (threshold 10% for 3 min)"));
        });
        Assert.That(Next(25), Is.Empty, "no change, no alert");
    }

    [Test]
    public void A_dip_under_the_threshold_before_the_time_starts_it_again()
    {
        Next(15);
        Next(15);
        Assert.That(Next(5), Is.Empty);
        Assert.That(Next(15), Is.Empty);
        Assert.That(Next(15), Is.Empty);
        Assert.That(Next(15).Single().Severity, Is.EqualTo(AlertSeverity.High));
    }

    [Test]
    public void It_recovers_after_staying_under_by_the_margin_for_the_clearing_time()
    {
        var clearing = new AlertClearing(10, TimeSpan.FromMinutes(2));
        for (int i = 0; i < 3; i++)
        {
            Next(15, clearing: clearing);
        }

        Assert.That(Next(9.5, clearing: clearing), Is.Empty, "under the threshold but not by the margin");
        Assert.That(Next(2, clearing: clearing), Is.Empty, "under by the margin: the clearing time starts");
        Alert recovery = Next(2, clearing: clearing).Single();
        Assert.That((recovery.Type, recovery.Subject), Is.EqualTo((AlertType.Recovery, "system:memory_pressure")));
        Assert.That(recovery.Message, Is.EqualTo("Memory pressure back to 2.0% (threshold 10%)"));
    }

    [Test]
    public void A_check_without_pressure_figures_changes_nothing()
    {
        Next(15);
        Next(15);
        Assert.That(Next(null), Is.Empty);
        Assert.That(Next(15).Single().Severity, Is.EqualTo(AlertSeverity.High), "the condition went on through the check without figures");
    }

    [Test]
    public void With_the_rule_off_nothing_is_raised() =>
        Assert.That(Enumerable.Range(0, 6).SelectMany(_ => Next(90, new MemoryPressureRule(0, TimeSpan.FromMinutes(1)))), Is.Empty);

    [Test]
    public void The_alert_says_what_to_look_at()
    {
        Next(15);
        Next(15);
        Alert alert = Next(15).Single();
        Assert.That(alert.Content.Text, Does.Contain("What to do:").And.Contain("/proc/pressure/memory"));
    }
}
