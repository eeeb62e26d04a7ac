using Microsoft.Data.Sqlite;
using SysMedic.Core.Alerts;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class MigrationTests
{
    private static IEnumerable<int> EarlierVersions => Migrations.All.Select(m => m.Version).Where(v => v < Migrations.Latest);

    [Test]
    public void An_empty_file_gets_the_latest_schema_in_wal_with_incremental_vacuum()
    {
        using var temp = new TempDatabase();
        File.WriteAllBytes(temp.Path, []);
        using (var db = temp.Open())
        {
            Assert.That(db.SchemaVersion, Is.EqualTo(Migrations.Latest));
        }

        Assert.That(temp.Sql("PRAGMA user_version"), Is.EqualTo(Migrations.Latest));
        Assert.That(temp.Sql("PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(temp.Sql("PRAGMA auto_vacuum"), Is.EqualTo(2L), "2 is INCREMENTAL");
        Assert.That(temp.Sql("SELECT count(*) FROM sqlite_schema WHERE name IN ('system_metrics','user_metrics','alerts','persistent_users','outbox')"), Is.EqualTo(5L));
    }

    [TestCaseSource(nameof(EarlierVersions))]
    public void An_earlier_version_is_upgraded_in_place_and_keeps_its_rows(int version)
    {
        using var temp = new TempDatabase();
        CreateAtVersion(temp.Path, version);
        temp.Sql("INSERT INTO alerts (timestamp, alert_type, severity, message) VALUES (1772323200, 'system', 'high', 'cpu 95%')");
        temp.Sql("INSERT INTO system_metrics VALUES (1772323200, 1, 2, 3, 4, 5, 6, 7, 0.1, 0.2, 0.3)");
        temp.Sql("INSERT INTO user_metrics VALUES ('alice', 1772323200, 250, 900, 3, 4, 5, 6, NULL), ('alice', 1772323260, 350, 100, 3, 4, 5, 6, NULL)");

        using var db = temp.Open();

        Assert.That(db.SchemaVersion, Is.EqualTo(Migrations.Latest));
        Alert alert = db.Alerts.List(new AlertFilter()).Single();
        Assert.That(alert.Message, Is.EqualTo("cpu 95%"));
        Assert.That(alert.IsResolved, Is.False);
        Assert.That(db.History.System(TempDatabase.Start, TempDatabase.Start.AddMinutes(1), 1).Single().Samples, Is.EqualTo(1));
        TopUser alice = db.History.TopUsers(TempDatabase.Start, TempDatabase.Start.AddHours(1), 1).Single();
        Assert.That((alice.Samples, alice.CpuAvgPercent, alice.CpuPeakPercent), Is.EqualTo((2, 3.0, 9.0)));
        Assert.That(temp.Logger.Entries.Count(e => e.Message.Contains("upgraded", StringComparison.Ordinal)), Is.EqualTo(Migrations.All.Count(m => m.Version > version)));
    }

    [Test]
    public void The_upgrade_to_hourly_rollups_sums_the_rows_already_stored()
    {
        using var temp = new TempDatabase();
        CreateAtVersion(temp.Path, Migrations.HourlyRollups.Version - 1);
        temp.Sql("INSERT INTO user_metrics VALUES ('alice', 1772323200, 250, 900, 3, 4, 5, 6, NULL), ('alice', 1772323260, 350, 100, 3, 4, 5, 6, NULL)");

        using var db = temp.Open();

        TopUser alice = db.History.TopUsers(TempDatabase.Start, TempDatabase.Start.AddHours(2), 1).Single();
        Assert.That((alice.Samples, alice.CpuAvgPercent, alice.CpuPeakPercent), Is.EqualTo((2, 3.0, 9.0)));
    }

    [Test]
    public void The_upgrade_to_exact_usage_keeps_the_rows_and_counts_nothing_for_them()
    {
        using var temp = new TempDatabase();
        CreateAtVersion(temp.Path, Migrations.ExactUsage.Version - 1);
        temp.Sql("INSERT INTO user_metrics VALUES ('alice', 1772323200, 250, 900, 3, 4, 5, 6, NULL)");
        temp.Sql("INSERT INTO user_metrics_recent VALUES (1772323260, 'alice', 250, 900, 3, 4, 5, 6, NULL)");

        using var db = temp.Open();

        Assert.That(temp.Sql("SELECT count(*) || ':' || sum(cpu_time_ms) || ':' || sum(disk_read_bytes) FROM user_metrics_all WHERE username = 'alice'"), Is.EqualTo("2:0:0"));
        db.Metrics.WriteCheck(Checks.System(TempDatabase.Start.AddHours(2)), [Checks.User("alice") with { CpuSeconds = 2 }]);
        Assert.That(db.History.Usage(TempDatabase.Start, TempDatabase.Start.AddHours(3)).Users.Single().CpuSeconds, Is.EqualTo(2.0));
    }

    [Test]
    public void A_newer_database_is_refused_with_a_clear_message_and_left_unchanged()
    {
        using var temp = new TempDatabase();
        temp.Open().Dispose();
        temp.Sql($"PRAGMA user_version = {Migrations.Latest + 1}");

        var ex = Assert.Throws<StorageSchemaException>(() => temp.Open());

        Assert.That(ex!.Message, Does.Contain($"schema version {Migrations.Latest + 1}").And.Contain("newer").And.Contain("never downgraded"));
        Assert.That(temp.Sql("PRAGMA user_version"), Is.EqualTo((long)Migrations.Latest + 1));
    }

    [Test]
    public void A_failing_step_rolls_back_and_leaves_the_earlier_version()
    {
        using var temp = new TempDatabase();
        CreateAtVersion(temp.Path, 1);
        temp.Sql("CREATE TABLE outbox (x INTEGER)");

        var ex = Assert.Throws<StorageSchemaException>(() => temp.Open());

        Assert.That(ex!.Message, Does.Contain("schema version 2").And.Contain("nothing was changed"));
        Assert.That(temp.Sql("PRAGMA user_version"), Is.EqualTo(1L));
        Assert.That(temp.Sql("SELECT count(*) FROM pragma_table_info('alerts') WHERE name = 'resolved_at'"), Is.EqualTo(0L));
    }

    [Test]
    public void A_read_only_open_of_an_older_version_asks_for_the_upgrade_instead_of_writing()
    {
        using var temp = new TempDatabase();
        CreateAtVersion(temp.Path, 1);

        var ex = Assert.Throws<StorageSchemaException>(() => temp.Open(new StorageOptions { ReadOnly = true }));

        Assert.That(ex!.Message, Does.Contain("schema version 1").And.Contain("upgraded"));
        Assert.That(temp.Sql("PRAGMA user_version"), Is.EqualTo(1L));
    }

    /// <summary>A database as an older build left it: the steps up to <paramref name="version"/> only.</summary>
    private static void CreateAtVersion(string path, int version)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        foreach (Migration migration in Migrations.All.Where(m => m.Version <= version))
        {
            command.CommandText = migration.Sql + $"; PRAGMA user_version = {migration.Version};";
            command.ExecuteNonQuery();
        }
    }
}
