using Microsoft.Extensions.Time.Testing;
using SysMedic.Agent.Daemon;
using SysMedic.Core.Config;
using SysMedic.Tests.Config;

namespace SysMedic.Tests.Agent;

public class ConfigWatcherTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);

    private static readonly string[] ExpectedChanges = ["monitoring.cpu_threshold: 80 -> 90", "websocket.port: 8060 -> 9000"];

    private TempDirectory _dir = null!;
    private string _path = null!;
    private ListLogger _log = null!;
    private FakeTimeProvider _time = null!;
    private int _loads;

    [SetUp]
    public void CreateFile()
    {
        _dir = new TempDirectory();
        _path = _dir.Write("config.yaml", "# watched\nmonitoring:\n  cpu_threshold: 80\n");
        _log = new ListLogger();
        _time = new FakeTimeProvider();
        _loads = 0;
    }

    [TearDown]
    public void RemoveFile() => _dir.Dispose();

    private ConfigWatcher NewWatcher(IReadOnlyCollection<string>? keysReadAtStart = null) =>
        new(_path, ConfigFixtures.Load(_path).Config, _log, _time, p => { Interlocked.Increment(ref _loads); return ConfigFixtures.Load(p); }, Debounce, keysReadAtStart);

    [Test]
    public void A_valid_new_file_replaces_the_configuration_and_each_change_is_logged()
    {
        using var watcher = NewWatcher();
        ConfigChangedEventArgs? seen = null;
        watcher.Changed += (_, e) => seen = e;
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 90\nwebsocket:\n  port: 9000\n");

        Assert.That(watcher.Reload("test"), Is.EqualTo(ConfigReloadOutcome.Applied));
        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(90));
        Assert.That(seen!.Changes.Select(c => c.ToString()), Is.EqualTo(ExpectedChanges));
        Assert.That(seen.Previous.Monitoring.CpuThreshold, Is.EqualTo(80));
        Assert.That(_log.Lines, Does.Contain($"Information: Configuration {_path} reloaded (test): websocket.port: 8060 -> 9000"));
    }

    [Test]
    public void A_key_read_only_at_start_is_named_on_reload_and_its_old_value_stays_in_force()
    {
        using var watcher = NewWatcher(["data_path", "log_path"]);
        ConfigChangedEventArgs? seen = null;
        watcher.Changed += (_, e) => seen = e;
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 90\ndata_path: /srv/sysmedic\n");

        Assert.That(watcher.Reload("test"), Is.EqualTo(ConfigReloadOutcome.Applied));

        Assert.That(watcher.Current.DataPath, Is.EqualTo("/var/lib/sysmedic"), "the directory in use is kept until a restart");
        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(90));
        Assert.That(seen!.Changes.Select(c => c.KeyPath), Is.EqualTo(new[] { "monitoring.cpu_threshold" }));
        Assert.That(_log.Lines, Does.Contain($"Warning: Configuration {_path} (test): data_path changed to \"/srv/sysmedic\": takes effect at restart; keeping \"/var/lib/sysmedic\" until then"));
        Assert.That(_log.Lines.Where(l => l.Contains("reloaded", StringComparison.Ordinal)), Has.None.Contains("data_path"));
    }

    [Test]
    public void A_reload_that_changes_only_keys_read_at_start_says_nothing_was_reloaded()
    {
        using var watcher = NewWatcher(["data_path", "log_path"]);
        var before = watcher.Current;
        bool changed = false;
        watcher.Changed += (_, _) => changed = true;
        File.WriteAllText(_path, "# watched\nmonitoring:\n  cpu_threshold: 80\nlog_path: /srv/log\n");

        Assert.That(watcher.Reload("SIGHUP"), Is.EqualTo(ConfigReloadOutcome.Unchanged));

        Assert.That(watcher.Current, Is.SameAs(before));
        Assert.That(changed, Is.False);
        Assert.That(_log.Lines, Is.EqualTo(new[] { $"Warning: Configuration {_path} (SIGHUP): log_path changed to \"/srv/log\": takes effect at restart; keeping \"/var/log/sysmedic\" until then" }));
    }

    [Test]
    public void An_invalid_file_is_rejected_with_the_validate_messages_and_the_old_configuration_stays()
    {
        using var watcher = NewWatcher();
        var before = watcher.Current;
        bool changed = false;
        ConfigRejectedEventArgs? rejected = null;
        watcher.Changed += (_, _) => changed = true;
        watcher.Rejected += (_, e) => rejected = e;
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 900\n");

        Assert.That(watcher.Reload("test"), Is.EqualTo(ConfigReloadOutcome.Rejected));
        Assert.That(watcher.Current, Is.SameAs(before));
        Assert.That(changed, Is.False);
        string message = $"{_path}:2:18: monitoring.cpu_threshold: \"900\" is not a percentage (1..100)";
        Assert.That(rejected!.Problems.Single().ToString(), Is.EqualTo(message));
        Assert.That(_log.Lines, Does.Contain("Error: " + message));
        Assert.That(_log.Lines, Does.Contain($"Error: Configuration {_path} not reloaded (test): the previous configuration stays in force"));
    }

    [TestCase("")]
    [TestCase(" \n\n")]
    public void An_empty_file_is_refused_on_reload_with_one_line_naming_it_and_the_old_configuration_stays(string text)
    {
        using var watcher = NewWatcher();
        var before = watcher.Current;
        bool changed = false;
        ConfigRejectedEventArgs? rejected = null;
        watcher.Changed += (_, _) => changed = true;
        watcher.Rejected += (_, e) => rejected = e;
        File.WriteAllText(_path, text);

        Assert.That(watcher.Reload("test"), Is.EqualTo(ConfigReloadOutcome.Rejected));
        Assert.That(watcher.Current, Is.SameAs(before));
        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(80));
        Assert.That(changed, Is.False);
        Assert.That(rejected!.Problems.Single().Message, Does.Contain("empty"));
        Assert.That(_log.Lines, Is.EqualTo(new[] { $"Error: Configuration {_path} not reloaded (test): the file is empty (a truncated write?); the previous configuration stays in force" }));
    }

    [Test]
    public void A_removed_file_keeps_the_configuration_in_force()
    {
        using var watcher = NewWatcher();
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 90\n");
        watcher.Reload();
        File.Delete(_path);
        Assert.That(watcher.Reload(), Is.EqualTo(ConfigReloadOutcome.Rejected));
        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(90));
    }

    [Test]
    public void An_unchanged_file_raises_no_event()
    {
        using var watcher = NewWatcher();
        bool changed = false;
        watcher.Changed += (_, _) => changed = true;
        Assert.That(watcher.Reload(), Is.EqualTo(ConfigReloadOutcome.Unchanged));
        Assert.That(changed, Is.False);
    }

    [Test]
    public void A_burst_of_file_events_gives_one_reload_after_the_file_is_quiet()
    {
        using var watcher = NewWatcher();
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 95\n");
        watcher.OnFileEvent();
        _time.Advance(Debounce / 2);
        watcher.OnFileEvent();
        _time.Advance(Debounce / 2);
        watcher.OnFileEvent();
        _time.Advance(Debounce - TimeSpan.FromMilliseconds(1));
        Assert.That(_loads, Is.Zero);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(_loads, Is.EqualTo(1));
        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(95));
    }

    [Test]
    [CancelAfter(30_000)]
    public void A_file_replaced_by_config_set_is_noticed_by_the_file_watcher()
    {
        using var watcher = NewWatcher();
        using var seen = new ManualResetEventSlim();
        watcher.FileEventSeen += (_, _) => seen.Set();
        watcher.Start();

        Assert.That(ConfigSetter.Set(_path, "monitoring.cpu_threshold", "70", ConfigFixtures.RootLayout).Status, Is.EqualTo(ConfigSetStatus.Written));
        Assert.That(seen.Wait(TimeSpan.FromSeconds(20)), Is.True, "the file system reported the change");
        _time.Advance(Debounce);

        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(70));
    }

    [Test]
    public void A_handler_that_throws_is_logged_and_later_reloads_still_work()
    {
        using var watcher = NewWatcher();
        watcher.Changed += (_, _) => throw new InvalidOperationException("boom");
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 91\n");
        Assert.That(watcher.Reload(), Is.EqualTo(ConfigReloadOutcome.Applied));
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 92\n");
        Assert.That(watcher.Reload(), Is.EqualTo(ConfigReloadOutcome.Applied));
        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(92));
        Assert.That(_log.Lines.Count(l => l.Contains("a handler of the reload failed", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(30_000)]
    public void Sighup_reloads_the_file_at_once()
    {
        using var watcher = NewWatcher();
        using var changed = new ManualResetEventSlim();
        watcher.Changed += (_, _) => changed.Set();
        watcher.Start();
        File.WriteAllText(_path, "monitoring:\n  cpu_threshold: 66\n");

        // The watcher's registration cancels SIGHUP's default action (ending the process) while it is alive.
        Signals.SendToSelf("HUP");

        Assert.That(changed.Wait(TimeSpan.FromSeconds(20)), Is.True, "the reload after SIGHUP");
        Assert.That(watcher.Current.Monitoring.CpuThreshold, Is.EqualTo(66));
        Assert.That(_log.Lines, Has.Some.Contains("reloaded (SIGHUP): monitoring.cpu_threshold: 80 -> 66"));
    }
}
