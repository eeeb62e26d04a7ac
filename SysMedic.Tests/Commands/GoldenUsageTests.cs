using System.Text.Json.Nodes;
using SysMedic.Tests.Agent;

namespace SysMedic.Tests.Commands;

/// <summary>
/// <c>sysmedic usage --json</c> over what the doctor's own loop stored from the fixture host going from t0 to t1
/// (a fake clock, so every time in the output is fixed), compared with Fixtures/golden/usage-t0-t1.json.
/// </summary>
public class GoldenUsageTests
{
    [Test]
    public void Usage_json_of_the_check_the_doctor_stored_from_the_fixture_host()
    {
        using var run = new FixtureDoctorRun();
        run.Run();
        var (code, output, error) = CliRunner.Run("usage", "--json", "--from", "2026-12-06T03:00:00Z", "--to", "2026-12-06T04:00:00Z", "--config", run.ConfigPath);
        Assert.That(code, Is.Zero, error);
        GoldenOutput.AssertMatches("usage-t0-t1.json", JsonNode.Parse(output)!);
    }

    [Test]
    public void The_table_lists_users_by_cpu_and_marks_the_slice_user()
    {
        using var run = new FixtureDoctorRun();
        run.Run();
        var (code, output, error) = CliRunner.Run("usage", "--from", "2026-12-06T03:00:00Z", "--to", "2026-12-06T04:00:00Z", "--config", run.ConfigPath);
        Assert.That(code, Is.Zero, error);
        string[] lines = output.Split('\n');
        Assert.That(lines[0], Is.EqualTo("usage 2026-12-06 03:00 to 2026-12-06 04:00 UTC: 1 checks covering 1m 00s, 120 CPU core-seconds available"));
        Assert.That(lines.Where(l => l.StartsWith("alice", StringComparison.Ordinal) || l.StartsWith("bob", StringComparison.Ordinal) || l.StartsWith("1002", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "alice*", "bob", "1002" }));
        Assert.That(output, Does.Contain("* CPU from the user's systemd slice"));
    }

    [Test]
    public void One_user_is_asked_for_by_name()
    {
        using var run = new FixtureDoctorRun();
        run.Run();
        var (code, output, _) = CliRunner.Run("usage", "--json", "--since", "365d", "--user", "bob", "--config", run.ConfigPath);
        Assert.That(code, Is.Zero);
        JsonNode report = JsonNode.Parse(output)!;
        Assert.That(report["users"]!.AsArray().Select(u => (string?)u!["username"]), Is.EqualTo(new[] { "bob" }));
        Assert.That((double)report["users"]![0]!["cpu_seconds"]!, Is.EqualTo(0.95));
    }
}
