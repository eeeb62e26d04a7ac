using SysMedic.Core.Alerts;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class AlertStoreTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void Unresolved_alerts_come_first_then_newest_first()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        long old = db.Alerts.Insert(Alert(T0, "old"));
        long resolved = db.Alerts.Insert(Alert(T0.AddMinutes(5), "resolved"));
        long recent = db.Alerts.Insert(Alert(T0.AddMinutes(2), "recent"));
        db.Alerts.Resolve(resolved, "root", null);

        var all = db.Alerts.List(new AlertFilter { IncludeResolved = true });
        var open = db.Alerts.List(new AlertFilter());

        Assert.That(all.Select(a => a.Id), Is.EqualTo(new[] { recent, old, resolved }));
        Assert.That(open.Select(a => a.Id), Is.EqualTo(new[] { recent, old }));
    }

    [Test]
    public void Filters_on_type_severity_since_and_limit_combine()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        db.Alerts.Insert(Alert(T0, "a") with { Type = AlertType.User, Severity = AlertSeverity.Medium });
        long wanted = db.Alerts.Insert(Alert(T0.AddHours(2), "b") with { Type = AlertType.User, Severity = AlertSeverity.High });
        db.Alerts.Insert(Alert(T0.AddHours(3), "c") with { Type = AlertType.System, Severity = AlertSeverity.High });
        db.Alerts.Insert(Alert(T0.AddMinutes(1), "d") with { Type = AlertType.User, Severity = AlertSeverity.High });

        var found = db.Alerts.List(new AlertFilter { Type = AlertType.User, Severity = AlertSeverity.High, Since = T0.AddHours(1) });
        var limited = db.Alerts.List(new AlertFilter { Limit = 2 });

        Assert.That(found.Select(a => a.Id), Is.EqualTo(new[] { wanted }));
        Assert.That(limited.Select(a => a.Message), Is.EqualTo(new[] { "c", "b" }));
    }

    [Test]
    public void Resolving_records_who_when_and_why_and_keeps_the_alert()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        long id = db.Alerts.Insert(Alert(T0, "cpu 97%") with { SystemCpuPercent = 97.5, PrimaryCause = "alice" });
        temp.Time.Advance(TimeSpan.FromMinutes(30));

        AlertResolveOutcome outcome = db.Alerts.Resolve(id, "bob", "runaway job killed");
        Alert? alert = db.Alerts.Get(id);

        Assert.That(outcome, Is.EqualTo(AlertResolveOutcome.Resolved));
        Assert.That(alert, Is.Not.Null);
        Assert.That(alert!.ResolvedAt, Is.EqualTo(T0.AddMinutes(30)));
        Assert.That(alert.ResolvedBy, Is.EqualTo("bob"));
        Assert.That(alert.ResolutionNote, Is.EqualTo("runaway job killed"));
        Assert.That(alert.SystemCpuPercent, Is.EqualTo(97.5));
        Assert.That(alert.PrimaryCause, Is.EqualTo("alice"));
    }

    [Test]
    public void Resolving_twice_is_refused_and_keeps_the_first_resolution()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        long id = db.Alerts.Insert(Alert(T0, "disk 91%"));
        db.Alerts.Resolve(id, "bob", "cleaned /tmp");
        temp.Time.Advance(TimeSpan.FromHours(1));

        AlertResolveOutcome second = db.Alerts.Resolve(id, "carol", "again");

        Assert.That(second, Is.EqualTo(AlertResolveOutcome.AlreadyResolved));
        Assert.That(db.Alerts.Get(id)!.ResolvedBy, Is.EqualTo("bob"));
        Assert.That(db.Alerts.Get(id)!.ResolvedAt, Is.EqualTo(T0));
    }

    [Test]
    public void Resolving_an_unknown_id_says_not_found()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();

        Assert.That(db.Alerts.Resolve(42, "bob", null), Is.EqualTo(AlertResolveOutcome.NotFound));
        Assert.That(db.Alerts.Get(42), Is.Null);
    }

    private static Alert Alert(DateTimeOffset at, string message) => new(0, at, AlertType.System, AlertSeverity.High, "system:cpu", message);
}
