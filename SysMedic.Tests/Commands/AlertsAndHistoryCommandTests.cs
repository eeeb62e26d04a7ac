using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Core.Alerts;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Commands;

public class AlertsAndHistoryCommandTests
{
    private string _dir = "";
    private string _config = "";

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-cli-").FullName;
        _config = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(_config, $"data_path: {_dir}\nlog_path: {_dir}\n");
        using var db = SysMedicDatabase.Open(Path.Combine(_dir, "sysmedic.db"), TimeProvider.System, NullLogger.Instance);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        db.Alerts.Insert(new Alert(0, now.AddMinutes(-5), AlertType.User, AlertSeverity.Medium, "user:alice:cpu", "alice uses 55.0% CPU (threshold 50%)", 60, 20, 1, "alice", "alice: CPU 55.0%"));
        db.Alerts.Insert(new Alert(0, now.AddMinutes(-1), AlertType.System, AlertSeverity.High, "system:cpu", "CPU at 90.0% (threshold 80%)", 90, 20));
        db.Metrics.WriteCheck(new SystemMetricsRow(now.AddMinutes(-2), 42, 50, 20, 21, 10, 0, 0, 1, 1, 1), [new UserMetricsRow("alice", 30, 35, 5, 5, 1000, 2, [1, 2])]);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run([.. args, "--config", _config]);

    [Test]
    public void Alerts_lists_unresolved_newest_first()
    {
        var (code, output, _) = Run("alerts");
        Assert.That(code, Is.Zero);
        Assert.That(output.IndexOf("CPU at 90.0%", StringComparison.Ordinal), Is.LessThan(output.IndexOf("alice uses", StringComparison.Ordinal)));
    }

    [Test]
    public void Resolve_records_who_and_why_once_and_list_then_leaves_it_out()
    {
        Assert.That(Run("alerts", "resolve", "1", "--note", "asked alice", "--by", "ops").Code, Is.Zero);
        var (again, _, error) = Run("alerts", "resolve", "1");
        Assert.That(again, Is.EqualTo(1));
        Assert.That(error, Does.Contain("already resolved by ops"));
        Assert.That(Run("alerts").Out, Does.Not.Contain("alice uses"));
        var (_, json, _) = Run("alerts", "list", "--all", "--json");
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement resolved = doc.RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == 1);
        Assert.That(resolved.GetProperty("resolved_by").GetString(), Is.EqualTo("ops"));
        Assert.That(resolved.GetProperty("resolution_note").GetString(), Is.EqualTo("asked alice"));
    }

    [Test]
    public void Show_prints_the_details_and_an_unknown_id_fails()
    {
        Assert.That(Run("alerts", "show", "1").Out, Does.Contain("alice: CPU 55.0%").And.Contain("resolved   no"));
        var (code, _, error) = Run("alerts", "show", "99");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("no alert 99"));
    }

    [Test]
    public void An_id_that_is_not_a_number_is_bad_usage_in_plain_words()
    {
        var (code, _, error) = Run("alerts", "show", "abc");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("abc").And.Contain("not an alert number").And.Not.Contain("Int64"));
    }

    [Test]
    public void History_reads_the_system_and_one_user()
    {
        var (code, output, _) = Run("history", "--since", "1h", "--json");
        Assert.That(code, Is.Zero);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("points")[0].GetProperty("cpu_percent").GetDouble(), Is.EqualTo(42).Within(0.01));
        Assert.That(Run("history", "--since", "1h", "--user", "alice").Out, Does.Contain("30.0%"));
    }

    [TestCase("2x")]
    [TestCase("0h")]
    [TestCase("400d")]
    public void History_refuses_a_bad_range_with_exit_code_2(string since) =>
        Assert.That(Run("history", "--since", since).Code, Is.EqualTo(2));

    [Test]
    public void Without_a_database_the_commands_say_where_they_looked()
    {
        File.Delete(Path.Combine(_dir, "sysmedic.db"));
        var (code, _, error) = Run("alerts");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain(Path.Combine(_dir, "sysmedic.db")));
    }

    [Test]
    public void Alerts_list_on_a_database_with_damaged_pages_says_it_is_corrupt_names_the_file_and_exits_1()
    {
        string path = Path.Combine(_dir, "sysmedic.db");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            // Keep page 1 (header and schema) so the file opens; every later page, the alerts table's among them, is noise.
            var noise = new byte[file.Length - 4096];
            new Random(11).NextBytes(noise);
            file.Position = 4096;
            file.Write(noise);
        }

        var (code, output, error) = Run("alerts", "list");

        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith($"sysmedic: {path}: the database is corrupt"));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
    }

    [Test]
    public void Alerts_list_on_a_file_that_is_not_a_database_says_so_names_the_file_and_exits_1()
    {
        string path = Path.Combine(_dir, "sysmedic.db");
        File.WriteAllText(path, "definitely not a database, but long enough to have a header of sorts..........");

        var (code, _, error) = Run("alerts", "list");

        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.StartWith($"sysmedic: {path}: the database is corrupt"));
    }

    [Test]
    public void Users_json_has_usage_now_and_episodes()
    {
        var (code, output, _) = Run("users", "--json");
        Assert.That(code, Is.Zero);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.TryGetProperty("users", out _) && doc.RootElement.TryGetProperty("episodes", out _), Is.True);
    }
}
