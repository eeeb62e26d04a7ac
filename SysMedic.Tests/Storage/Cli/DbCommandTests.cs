using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SysMedic.Core.Storage;
using SysMedic.Tui.Commands;

namespace SysMedic.Tests.Storage.Cli;

public class DbCommandTests
{
    [Test]
    public void Stats_as_json_uses_snake_case_and_lists_every_table()
    {
        using var temp = new TempDatabase();
        using (var db = temp.Open())
        {
            Checks.WriteMinutes(db, TempDatabase.Start, 3, "alice");
        }

        var (code, output, error) = Run("db", "stats", "--json", "--db", temp.Path);

        Assert.That(code, Is.EqualTo(SysMedicCli.Ok), error);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("schema_version").GetInt32(), Is.EqualTo(Migrations.Latest));
        Assert.That(json.RootElement.GetProperty("file_size_bytes").GetInt64(), Is.GreaterThan(0));
        JsonElement users = json.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "user_metrics");
        Assert.That(users.GetProperty("rows").GetInt64(), Is.EqualTo(3));
        Assert.That(users.GetProperty("oldest").GetDateTimeOffset(), Is.EqualTo(TempDatabase.Start));
    }

    [Test]
    public void Stats_as_text_show_the_version_and_a_row_per_table()
    {
        using var temp = new TempDatabase();
        temp.Open().Dispose();

        var (code, output, _) = Run("db", "stats", "--db", temp.Path);

        Assert.That(code, Is.EqualTo(SysMedicCli.Ok));
        Assert.That(output, Does.Contain($"version {Migrations.Latest}").And.Contain("persistent_users"));
    }

    [Test]
    public void A_missing_database_is_one_clear_line_and_exit_code_1()
    {
        using var temp = new TempDatabase();

        var (code, _, error) = Run("db", "stats", "--db", temp.Path);

        Assert.That(code, Is.EqualTo(SysMedicCli.Failed));
        Assert.That(error.Trim(), Does.StartWith("sysmedic: no database at " + temp.Path));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.Exists(temp.Path), Is.False, "stats never creates a database");
    }

    [Test]
    public void A_corrupt_database_is_reported_not_moved()
    {
        using var temp = new TempDatabase();
        File.WriteAllText(temp.Path, "garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage");

        var (code, _, error) = Run("db", "cleanup", "--db", temp.Path);

        Assert.That(code, Is.EqualTo(SysMedicCli.Failed));
        Assert.That(error, Does.StartWith("sysmedic: ").And.Not.Contain("   at "));
        Assert.That(Directory.GetFiles(temp.Directory), Has.Length.EqualTo(1));
    }

    [Test]
    public void Backup_writes_a_verified_copy()
    {
        using var temp = new TempDatabase();
        temp.Open().Dispose();
        string copy = Path.Combine(temp.Directory, "backup.db");

        var (code, output, error) = Run("db", "backup", copy, "--db", temp.Path);

        Assert.That(code, Is.EqualTo(SysMedicCli.Ok), error);
        Assert.That(output, Does.Contain("integrity_check: ok"));
        Assert.That(DatabaseMaintenance.IntegrityCheck(copy), Is.EqualTo("ok"));
    }

    [Test]
    public void Backup_without_a_file_is_bad_usage()
    {
        var (code, _, error) = Run("db", "backup");

        Assert.That(code, Is.EqualTo(SysMedicCli.BadUsage));
        Assert.That(error, Does.Contain("sysmedic:"));
    }

    [Test]
    public void Cleanup_deletes_history_older_than_the_retention()
    {
        using var temp = new TempDatabase();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using (var db = SysMedicDatabase.Open(temp.Path, new FakeTimeProvider(now), temp.Logger))
        {
            db.Metrics.WriteCheck(Checks.System(now.AddDays(-(new SysMedic.Core.Config.SysMedicConfig().DatabaseRetentionDays + 10))), [Checks.User("alice")]);
            db.Metrics.WriteCheck(Checks.System(now.AddDays(-1)), [Checks.User("alice")]);
        }

        var (code, output, error) = Run("db", "cleanup", "--db", temp.Path);

        Assert.That(code, Is.EqualTo(SysMedicCli.Ok), error);
        Assert.That(output, Does.Contain("deleted 1 system rows, 1 user rows"));
        Assert.That(temp.Sql("SELECT count(*) FROM user_metrics_all"), Is.EqualTo(1L));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = SysMedicCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
