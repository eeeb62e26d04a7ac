using SysMedic.Core.Alerts;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class DatabaseStatsTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void Stats_report_rows_time_range_version_and_size_of_every_table()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Checks.WriteMinutes(db, T0, 90, "alice", "bob");
        db.Alerts.Insert(new Alert(0, T0.AddMinutes(5), AlertType.System, AlertSeverity.High, "system:cpu", "cpu"));

        DatabaseStats stats = db.Maintenance.Stats();

        Assert.That(stats.SchemaVersion, Is.EqualTo(Migrations.Latest));
        Assert.That(stats.FileSizeBytes, Is.GreaterThan(0));
        Assert.That(stats.PageSizeBytes * stats.PageCount, Is.GreaterThan(0));
        var tables = stats.Tables.ToDictionary(t => t.Name);
        Assert.That(tables.Keys, Is.EquivalentTo(new[] { "system_metrics", "user_metrics", "system_metrics_hourly", "user_metrics_hourly", "alerts", "persistent_users", "outbox" }));
        Assert.That(tables["user_metrics"], Is.EqualTo(new TableStats("user_metrics", 180, T0, T0.AddMinutes(89))));
        Assert.That(tables["user_metrics_hourly"].Rows, Is.EqualTo(4));
        Assert.That(tables["alerts"], Is.EqualTo(new TableStats("alerts", 1, T0.AddMinutes(5), T0.AddMinutes(5))));
        Assert.That(tables["outbox"], Is.EqualTo(new TableStats("outbox", 0, null, null)));
    }
}
