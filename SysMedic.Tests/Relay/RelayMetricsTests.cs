using System.Diagnostics;
using SysMedic.Agent.Relay;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;
using static SysMedic.Tests.Sampling.SnapshotFactory;

namespace SysMedic.Tests.Relay;

public class RelayMetricsTests
{
    private static readonly PressureUsage Memory = new(9.1, 3.2, 1.02, 10, 2.1, 1.7, 0.52, 0.11, 2, 1.02);

    private static string Metrics(Snapshot snapshot) =>
        RelayMetrics.Write(new SnapshotMessage(snapshot, [], 0, new ThresholdsInfo(80, 80, 50, 50, new Dictionary<string, UserThresholdInfo>())), true, [], 0, T0);

    private static Snapshot WithUsage()
    {
        Snapshot s = Make(T0, 10, 10);
        return s with
        {
            System = s.System with { Pressure = new ResourcePressure(null, Memory, null) },
            Totals = new UsageTotals(T0.AddHours(-1), [new UserTotal("root", 0, 12.5, 4096, 8192), new UserTotal("alice", 1000, 1800.25, 0, 65536), new UserTotal("alice", 1001, 0.75, 1, 0)]),
        };
    }

    [Test]
    public void Users_cpu_seconds_and_disk_bytes_are_counters_by_user()
    {
        string text = Metrics(WithUsage());
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("# TYPE sysmedic_user_cpu_seconds_total counter\n"));
            Assert.That(text, Does.Contain("sysmedic_user_cpu_seconds_total{user=\"root\"} 12.5\n"));
            Assert.That(text, Does.Contain("sysmedic_user_cpu_seconds_total{user=\"alice\"} 1801\n"), "two uids under one name make one series");
            Assert.That(text, Does.Contain("# TYPE sysmedic_user_disk_read_bytes_total counter\n"));
            Assert.That(text, Does.Contain("sysmedic_user_disk_written_bytes_total{user=\"alice\"} 65536\n"));
        });
    }

    [Test]
    public void Pressure_totals_are_counters_by_resource_for_the_files_the_host_has()
    {
        string text = Metrics(WithUsage());
        Assert.That(text, Does.Contain("# TYPE sysmedic_pressure_waiting_seconds_total counter\nsysmedic_pressure_waiting_seconds_total{resource=\"memory\"} 2.1\n"));
        Assert.That(text, Does.Contain("sysmedic_pressure_stalled_seconds_total{resource=\"memory\"} 1.02\n"));
        Assert.That(text, Does.Not.Contain("resource=\"cpu\""));
    }

    [Test]
    public void An_older_agent_without_totals_or_pressure_leaves_the_families_out()
    {
        string text = Metrics(Make(T0, 10, 10));
        Assert.That(text, Does.Not.Contain("sysmedic_user_cpu_seconds_total").And.Not.Contain("sysmedic_user_disk_").And.Not.Contain("sysmedic_pressure_"));
    }

    [Test]
    public void The_exposition_with_the_counters_passes_promtool()
    {
        var psi = new ProcessStartInfo(SysMedic.Tests.Prometheus.PromTool.Require(), ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using System.Diagnostics.Process promtool = System.Diagnostics.Process.Start(psi)!;
        promtool.StandardInput.Write(Metrics(WithUsage()));
        promtool.StandardInput.Close();
        string said = promtool.StandardOutput.ReadToEnd() + promtool.StandardError.ReadToEnd();
        promtool.WaitForExit();
        Assert.That(said, Is.Empty);
        Assert.That(promtool.ExitCode, Is.Zero);
    }
}
