using System.Text.RegularExpressions;
using SysMedic.Tests.Agent;

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
        Assert.That(File.GetUnixFileMode(Path.Combine(_dir, "log", "doctor.out")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "its own output is private too");
        var status = Daemon("status");
        Assert.That(status.Code, Is.Zero);
        Assert.That(status.Out, Does.StartWith($"SysMedic Doctor daemon: running (PID: {pid})\n").And.Contain("last check"));

        Assert.That(Daemon("stop"), Is.EqualTo((0, $"SysMedic Doctor daemon: stopped (PID: {pid})\n", "")));
        Assert.That(Daemon("status").Code, Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(_dir, "sysmedic.doctor.pid")), Is.False);
    }

    [Test]
    public void A_data_path_changed_while_the_doctor_runs_takes_effect_at_restart_and_status_stop_start_keep_finding_it()
    {
        var (code, output, error) = Daemon("start");
        Assert.That(code, Is.Zero, error);
        string pid = StartedLine().Match(output).Groups[1].Value;
        Assert.That(File.ReadAllText(Path.Combine(_dir, "sysmedic.doctor.pid")), Is.EqualTo(pid + "\n"), "the PID file is in the runtime directory, beside the socket");

        File.WriteAllText(_config, File.ReadAllText(_config).Replace($"data_path: {_dir}/data", $"data_path: {_dir}/elsewhere", StringComparison.Ordinal));
        string said = $"data_path changed to \"{_dir}/elsewhere\": takes effect at restart; keeping \"{_dir}/data\" until then";
        Assert.That(DoctorProcess.WaitFor(() => Log().Contains(said, StringComparison.Ordinal), TimeSpan.FromSeconds(30)), Is.True, said);
        Assert.That(Log(), Does.Not.Contain("reloaded (file changed): data_path"));

        string status = Daemon("status").Out;
        Assert.That(status, Does.StartWith($"SysMedic Doctor daemon: running (PID: {pid})\n"));
        Assert.That(status, Does.Contain($"  data_path: {_dir}/data (the file says {_dir}/elsewhere: takes effect at restart)\n"));
        Assert.That(status, Does.Not.Contain("unknown"), "the last check is read from the database the doctor writes, not the one the file names");
        Assert.That(DoctorProcess.WaitFor(() => LastCheckTime().IsMatch(Daemon("status").Out), TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(Daemon("start").Out, Is.EqualTo($"SysMedic Doctor daemon: already running (PID: {pid})\n"));
        Assert.That(File.Exists(Path.Combine(_dir, "doctor.sock")), Is.True);
        Assert.That(Daemon("stop"), Is.EqualTo((0, $"SysMedic Doctor daemon: stopped (PID: {pid})\n", "")));
        Assert.That(Directory.Exists(Path.Combine(_dir, "elsewhere")), Is.False, "the new data_path was never used");
        Assert.That(File.Exists(Path.Combine(_dir, "data", "sysmedic.db")), Is.True);
    }

    [Test]
    public void A_doctor_of_an_older_version_holding_its_pid_file_in_data_path_is_still_found()
    {
        // Older versions kept the PID file in data_path; this process plays such a doctor by holding that file's lock.
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        using var older = SysMedic.Agent.Daemon.PidFile.Acquire(Path.Combine(_dir, "data", "sysmedic.doctor.pid"), "doctor");
        int self = Environment.ProcessId;

        Assert.That(Daemon("status").Out, Does.StartWith($"SysMedic Doctor daemon: running (PID: {self})\n"));
        Assert.That(Daemon("start").Out, Is.EqualTo($"SysMedic Doctor daemon: already running (PID: {self})\n"));
        using DoctorProcess doctor = DoctorProcess.Start(_dir, "monitoring:\n  live_interval: 1\n");
        Assert.That(DoctorProcess.WaitFor(() => doctor.HasExited, TimeSpan.FromSeconds(30)), Is.True, "a second doctor does not start");
        Assert.That(doctor.ExitCode, Is.EqualTo(1));
        Assert.That(doctor.Errors, Does.Contain($"(PID: {self})").And.Contain(Path.Combine(_dir, "data", "sysmedic.doctor.pid")));
    }

    private string Log() => string.Concat(Directory.Exists(Path.Combine(_dir, "log"))
        ? Directory.GetFiles(Path.Combine(_dir, "log"), "sysmedic*.log").Select(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        })
        : []);

    [GeneratedRegex(@"^SysMedic Doctor daemon: started \(PID: (\d+)\)\n$")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"last check: \d{4}-\d\d-\d\d ")]
    private static partial Regex LastCheckTime();
}
