using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SysMedic.Core.Config;

namespace SysMedic.Agent.Daemon;

/// <summary>
/// Keeps a daemon's configuration current: reloads on SIGHUP and when the file changes (debounced, since editors and
/// atomic writes touch a file several times). A valid file replaces the configuration in force and each changed key
/// is logged; an invalid one is logged with the messages <c>config validate</c> prints and the old one stays. An empty
/// file is refused too: it is far more likely a truncated write than a wish to go back to every default. Keys the
/// daemon reads only at start (its directories, its listening address) keep the value in force: a change to one is
/// logged as taking effect at restart, never as reloaded.
/// </summary>
public sealed class ConfigWatcher : IDisposable
{
    /// <summary>How long the file must stay quiet before it is read.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    private readonly string _path;
    private readonly Func<string, ConfigLoadResult> _load;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _debounce;
    private readonly IReadOnlyList<ConfigKey> _keysReadAtStart;
    private readonly Lock _gate = new();
    private SysMedicConfig _current;
    private ITimer? _timer;
    private FileSystemWatcher? _watcher;
    private PosixSignalRegistration? _sighup;
    private bool _disposed;

    /// <summary>
    /// Watches <paramref name="path"/>, starting from <paramref name="current"/> (what the daemon loaded at start).
    /// <paramref name="load"/> reads the file (default: <see cref="ConfigLoader.LoadForCurrentUser"/>).
    /// <paramref name="keysReadAtStart"/> names the keys (paths such as <c>data_path</c>) a reload does not change.
    /// </summary>
    public ConfigWatcher(string path, SysMedicConfig current, ILogger logger, TimeProvider timeProvider,
        Func<string, ConfigLoadResult>? load = null, TimeSpan? debounce = null, IReadOnlyCollection<string>? keysReadAtStart = null)
    {
        _path = Path.GetFullPath(path);
        _current = current;
        _logger = logger;
        _timeProvider = timeProvider;
        _load = load ?? ConfigLoader.LoadForCurrentUser;
        _debounce = debounce ?? DefaultDebounce;
        _keysReadAtStart = [.. (keysReadAtStart ?? []).Select(k => ConfigKeys.Find(k) ?? throw new ArgumentException($"no configuration key {k}", nameof(keysReadAtStart)))];
    }

    /// <summary>Raised after a new configuration is in force (on a thread-pool or signal thread).</summary>
    public event EventHandler<ConfigChangedEventArgs>? Changed;

    /// <summary>Raised when a reload is refused and the configuration in force is kept.</summary>
    public event EventHandler<ConfigRejectedEventArgs>? Rejected;

    /// <summary>Raised when the file system reports a change to the file, before the debounce delay.</summary>
    internal event EventHandler? FileEventSeen;

    /// <summary>The configuration in force.</summary>
    public SysMedicConfig Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Starts watching the file's directory and listening for SIGHUP.</summary>
    public void Start()
    {
        string directory = Path.GetDirectoryName(_path)!;
        string name = Path.GetFileName(_path);
        if (Directory.Exists(directory))
        {
            // The directory is watched, not the file: an atomic write renames a new file over the old one.
            _watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            FileSystemEventHandler onChange = (_, e) => { if (e.Name == name) { OnFileEvent(); } };
            _watcher.Changed += onChange;
            _watcher.Created += onChange;
            _watcher.Deleted += onChange;
            _watcher.Renamed += (_, e) => { if (e.Name == name || e.OldName == name) { OnFileEvent(); } };
            _watcher.Error += (_, e) => _logger.LogWarning("Configuration {Path}: file watching failed ({Error}); send SIGHUP to reload", _path, e.GetException().Message);
            _watcher.EnableRaisingEvents = true;
        }
        else
        {
            _logger.LogWarning("Configuration {Path}: directory {Directory} does not exist, so changes are not watched; send SIGHUP to reload", _path, directory);
        }

        // Cancel keeps SIGHUP from ending the process, its default action.
        _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            ThreadPool.QueueUserWorkItem(_ => Reload("SIGHUP"));
        });
    }

    /// <summary>Reads the file now and applies it if it is valid; <paramref name="reason"/> goes to the log.</summary>
    public ConfigReloadOutcome Reload(string reason = "request")
    {
        ConfigChangedEventArgs? changed;
        lock (_gate)
        {
            if (_disposed)
            {
                return ConfigReloadOutcome.Rejected;
            }

            var result = _load(_path);
            if (result.IsEmpty)
            {
                return RejectEmpty(reason);
            }

            if (!result.FileExists || !result.IsValid)
            {
                return Reject(result, reason);
            }

            foreach (var warning in result.Diagnostics)
            {
                _logger.LogWarning("{Diagnostic}", warning);
            }

            var next = KeepKeysReadAtStart(result.Config, reason, out bool waiting);
            var changes = ConfigDiff.Compare(_current, next);
            if (changes.Count == 0)
            {
                if (!waiting && _logger.IsEnabled(LogLevel.Information))
                {
                    _logger.LogInformation("Configuration {Path} reloaded ({Reason}): no change", _path, reason);
                }

                return ConfigReloadOutcome.Unchanged;
            }

            foreach (var change in changes)
            {
                LogChange(reason, change);
            }

            changed = new ConfigChangedEventArgs(_current, next, changes);
            _current = next;
        }

        Raise(() => Changed?.Invoke(this, changed));
        return ConfigReloadOutcome.Applied;
    }

    /// <summary>Notes a change of the file: the reload happens once the file has been quiet for the debounce delay.</summary>
    internal void OnFileEvent()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer ??= _timeProvider.CreateTimer(_ => Reload("file changed"), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }

        FileEventSeen?.Invoke(this, EventArgs.Empty);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }

        _watcher?.Dispose();
        _sighup?.Dispose();
    }

    private ConfigReloadOutcome Reject(ConfigLoadResult result, string reason)
    {
        IReadOnlyList<ConfigDiagnostic> problems = result.FileExists
            ? [.. result.Diagnostics]
            : [new ConfigDiagnostic(ConfigSeverity.Error, _path, 0, 0, "", "the file is gone")];
        foreach (var problem in problems)
        {
            if (problem.IsError)
            {
                _logger.LogError("{Diagnostic}", problem);
            }
            else
            {
                _logger.LogWarning("{Diagnostic}", problem);
            }
        }

        _logger.LogError("Configuration {Path} not reloaded ({Reason}): the previous configuration stays in force", _path, reason);
        Raise(() => Rejected?.Invoke(this, new ConfigRejectedEventArgs(problems)));
        return ConfigReloadOutcome.Rejected;
    }

    // The daemon still uses what it read at start: the configuration in force says so, and the log says when it changes.
    private SysMedicConfig KeepKeysReadAtStart(SysMedicConfig loaded, string reason, out bool waiting)
    {
        waiting = false;
        foreach (var key in _keysReadAtStart)
        {
            if (key.Format(_current, redact: false) == key.Format(loaded, redact: false))
            {
                continue;
            }

            waiting = true;
            _logger.LogWarning("Configuration {Path} ({Reason}): {Key} changed to {New}: takes effect at restart; keeping {Old} until then",
                _path, reason, key.Path, key.Format(loaded, redact: true), key.Format(_current, redact: true));
            loaded = key.With(loaded, key.Get(_current));
        }

        return loaded;
    }

    private ConfigReloadOutcome RejectEmpty(string reason)
    {
        _logger.LogError("Configuration {Path} not reloaded ({Reason}): the file is empty (a truncated write?); the previous configuration stays in force", _path, reason);
        var problem = new ConfigDiagnostic(ConfigSeverity.Error, _path, 0, 0, "", "the file is empty (a truncated write?)");
        Raise(() => Rejected?.Invoke(this, new ConfigRejectedEventArgs([problem])));
        return ConfigReloadOutcome.Rejected;
    }

    private void LogChange(string reason, ConfigChange change)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Configuration {Path} reloaded ({Reason}): {Key}: {Old} -> {New}", _path, reason, change.KeyPath, change.OldValue, change.NewValue);
        }
    }

    // A daemon's handler that throws must not stop later reloads.
    private void Raise(Action raise)
    {
        try
        {
            raise();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Configuration {Path}: a handler of the reload failed", _path);
        }
    }
}
