using SysMedic.Tui.Commands;

namespace SysMedic.Tests.Commands;

public class UsageCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 30, 15, TimeSpan.Zero);

    [Test]
    public void With_no_range_it_is_the_last_24_hours() =>
        Assert.That(UsageCommand.Range(null, null, null, Now), Is.EqualTo((Now.AddDays(-1), Now)));

    [Test]
    public void Since_goes_back_from_now() =>
        Assert.That(UsageCommand.Range("30d", null, null, Now), Is.EqualTo((Now.AddDays(-30), Now)));

    [Test]
    public void From_and_to_are_utc_unless_an_offset_is_given() =>
        Assert.That(UsageCommand.Range(null, "2026-11-01", "2026-11-01T08:00+01:00", Now), Is.EqualTo((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 7, 0, 0, TimeSpan.Zero))));

    [Test]
    public void From_alone_runs_to_now() =>
        Assert.That(UsageCommand.Range(null, "2026-12-06T12:00Z", null, Now).To, Is.EqualTo(Now));

    [TestCase("24h", "2026-11-01", null, "--since cannot go with --from")]
    [TestCase(null, null, "2026-11-01", "--to needs --from")]
    [TestCase(null, "2026-11-02", "2026-11-01", "is not after the start")]
    [TestCase(null, "yesterday", null, "\"yesterday\" is not a time")]
    [TestCase("forever", null, null, "\"forever\" is not a duration")]
    public void A_bad_range_is_bad_usage_naming_the_problem(string? since, string? from, string? to, string message) =>
        Assert.That(() => UsageCommand.Range(since, from, to, Now), Throws.TypeOf<CliUsageException>().With.Message.Contains(message));

    [Test]
    public void A_bad_range_on_the_command_line_exits_2_with_one_line()
    {
        var (code, output, error) = CliRunner.Run("usage", "--since", "24h", "--from", "2026-11-01");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void Without_a_database_it_says_where_it_looked_and_fails()
    {
        string dir = Directory.CreateTempSubdirectory("sysmedic-usage-").FullName;
        try
        {
            string config = Path.Combine(dir, "config.yaml");
            File.WriteAllText(config, $"data_path: {dir}\n");
            var (code, _, error) = CliRunner.Run("usage", "--config", config);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.Contain(Path.Combine(dir, "sysmedic.db")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
