using System.Text.RegularExpressions;

namespace SysMedic.Tests.Commands;

/// <summary><c>sysmedic daemon</c> against a real doctor it starts in the background on a private directory.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public partial class DaemonCommandTests
{
    private string _dir = "";
    private string _config = "";
    private string? _socketBefore;

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-daemon-").FullName;
        _config = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(_config, $"monitoring:\n  check_interval: 1\n  live_interval: 1\ndata_path: {_dir}/data\nlog_path: {_dir}/log\n");
        _socketBefore = Environment.GetEnvironmentVariable("SYSMEDIC_SOCKET");
        Environment.SetEnvironmentVariable("SYSMEDIC_SOCKET", Path.Combine(_dir, "doctor.sock"));
    }

    [TearDown]
    public void Remove()
    {
        // Whatever happened, the doctor this test started does not outlive it.
        CliRunner.Run("daemon", "stop", "--config", _config);
        Environment.SetEnvironmentVariable("SYSMEDIC_SOCKET", _socketBefore);
        Directory.Delete(_dir, recursive: true);
    }

    private (int Code, string Out, string Err) Daemon(string verb) => CliRunner.Run("daemon", verb, "--config", _config);

    [Test]
    public void Start_status_stop_as_an_operator_uses_them()
    {
        Assert.That(Daemon("status"), Is.EqualTo((1, "SysMedic Doctor daemon: not running\n", "")));

        var (code, output, error) = Daemon("start");
        Assert.That(code, Is.Zero, error);
        Match started = StartedLine().Match(output);
        Assert.That(started.Success, Is.True, output);
        string pid = started.Groups[1].Value;

        Assert.That(Daemon("start").Out, Is.EqualTo($"SysMedic Doctor daemon: already running (PID: {pid})\n"));
        var status = Daemon("status");
        Assert.That(status.Code, Is.Zero);
        Assert.That(status.Out, Does.StartWith($"SysMedic Doctor daemon: running (PID: {pid})\n").And.Contain("last check"));

        Assert.That(Daemon("stop"), Is.EqualTo((0, $"SysMedic Doctor daemon: stopped (PID: {pid})\n", "")));
        Assert.That(Daemon("status").Code, Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(_dir, "data", "sysmedic.doctor.pid")), Is.False);
    }

    [GeneratedRegex(@"^SysMedic Doctor daemon: started \(PID: (\d+)\)\n$")]
    private static partial Regex StartedLine();
}
