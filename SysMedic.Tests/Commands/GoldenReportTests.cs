using System.Text.Json.Nodes;

namespace SysMedic.Tests.Commands;

/// <summary>
/// <c>sysmedic report --json</c> on fixture hosts (the hidden --proc-root, --sys-root and --passwd-file), compared
/// with the expected output in Fixtures/golden. Both readings are of the same tree, so every rate is zero; what the
/// files say at an instant (memory, pressure averages, cgroups, users, names, command lines) is exact. The reading's
/// time and the disk use of the machine the tests run on (statfs of /) are the only live values: they are replaced
/// by placeholders before the comparison.
/// </summary>
public class GoldenReportTests
{
    private static JsonNode Report(string tree)
    {
        var (code, output, error) = CliRunner.Run(
            "report", "--json", "--interval", "0.1",
            "--proc-root", FixturePaths.Proc(tree), "--sys-root", FixturePaths.Sys(tree), "--passwd-file", FixturePaths.Passwd,
            "--config", Path.Combine(FixturePaths.Root, "golden", "config.yaml"));
        Assert.That(code, Is.Zero, error);
        JsonNode report = JsonNode.Parse(output)!;
        GoldenOutput.Normalise(report, "<time of the reading>", "timestamp");
        GoldenOutput.Normalise(report, "<disk use of this machine>", "system", "disk_percent");
        return report;
    }

    [Test]
    public void Report_json_of_a_cgroup_v2_host_with_pressure_slices_and_disk_io() =>
        GoldenOutput.AssertMatches("report-t1.json", Report("t1"));

    [Test]
    public void Report_json_of_a_cgroup_v1_host_without_pressure_or_disk_io() =>
        GoldenOutput.AssertMatches("report-legacy.json", Report("legacy"));

    [Test]
    public void Report_json_of_a_host_with_malformed_files_leaves_out_what_it_cannot_read() =>
        GoldenOutput.AssertMatches("report-broken.json", Report("broken"));
}
