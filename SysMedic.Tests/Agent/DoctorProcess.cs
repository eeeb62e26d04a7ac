using System.Diagnostics;

namespace SysMedic.Tests.Agent;

/// <summary>The real sysmedic binary run as a doctor (or as the relay in front of it) on a private directory, ended by the test that started it.</summary>
internal sealed class DoctorProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _errors = new();

    private DoctorProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    /// <summary>A doctor that samples every second, checks every minute and watches every user from 5% CPU: alerts come quickly.</summary>
    /// <summary>
    /// The single number <paramref name="sql"/> gives on the database at <paramref name="databasePath"/>, read-only; 0
    /// while there is no file or table yet. A lock held by the doctor is waited for (up to 10 s): a 0 read then as
    /// "none yet" made a wait for "3 more than before" end at once.
    /// </summary>
    public static long Count(string databasePath, string sql)
    {
        try
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False;Default Timeout=10");
            c.Open();
            using Microsoft.Data.Sqlite.SqliteCommand cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 1 or 14)
        {
            return 0;
        }
    }

    public const string LowThresholds = """
        monitoring:
          check_interval: 1
          live_interval: 1
        users:
          cpu_threshold: 5
          persistent_time: 1
        user_filtering:
          ignore_system_users: false
          min_cpu_percent: 0
          min_memory_percent: 0
          excluded_users: []
        """;

    private bool _disposed;

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "config.yaml");

    public string DatabasePath => Path.Combine(Directory, "data", "sysmedic.db");

    /// <summary>The doctor's PID file: in its runtime directory, which is the directory of its socket.</summary>
    public string PidPath => Path.Combine(Directory, "sysmedic.doctor.pid");

    /// <summary>The relay's PID file: <c>relay/</c> under the same runtime directory.</summary>
    public string RelayPidPath => Path.Combine(Directory, "relay", "sysmedic.websocket.pid");

    public string SocketPath => Path.Combine(Directory, "doctor.sock");

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote on standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Writes <paramref name="configBody"/> (data and log paths are added) and starts the doctor.</summary>
    public static DoctorProcess Start(string directory, string configBody)
    {
        WriteConfig(directory, configBody);
        return Launch(directory, "--doctor-daemon");
    }

    /// <summary>
    /// As <see cref="Start"/>, with the doctor's command line after <paramref name="wrapper"/> (a program that sets up
    /// the doctor's world, then runs the rest of its arguments).
    /// </summary>
    public static DoctorProcess StartWrapped(string directory, string configBody, params string[] wrapper)
    {
        WriteConfig(directory, configBody);
        return Launch(directory, "--doctor-daemon", wrapper);
    }

    /// <summary>Starts the WebSocket relay on the configuration <see cref="Start"/> wrote, attached to that doctor's socket.</summary>
    public static DoctorProcess StartRelay(string directory) => Launch(directory, "--websocket-daemon");

    /// <summary>As <see cref="StartRelay"/>, with the relay's command line after <paramref name="wrapper"/>.</summary>
    public static DoctorProcess StartRelayWrapped(string directory, params string[] wrapper) => Launch(directory, "--websocket-daemon", wrapper);

    private static void WriteConfig(string directory, string configBody) =>
        File.WriteAllText(Path.Combine(directory, "config.yaml"), configBody + $"\ndata_path: {Path.Combine(directory, "data")}\nlog_path: {Path.Combine(directory, "log")}\n");

    private static DoctorProcess Launch(string directory, string role, string[]? wrapper = null)
    {
        var psi = new ProcessStartInfo(wrapper is [var program, ..] ? program : "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in wrapper is null ? Array.Empty<string>() : [.. wrapper.Skip(1), "dotnet"])
        {
            psi.ArgumentList.Add(arg);
        }

        psi.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll"));
        psi.ArgumentList.Add(role);
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(Path.Combine(directory, "config.yaml"));
        psi.Environment["SYSMEDIC_SOCKET"] = Path.Combine(directory, "doctor.sock");
        Process process = Process.Start(psi)!;
        var doctor = new DoctorProcess(process, directory);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => doctor.NoteError(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return doctor;
    }

    private void NoteError(string? line)
    {
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.Append(line).Append('\n');
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> passes (a bound, not a measurement).</summary>
    public static bool WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(200);
        }

        return condition();
    }

    /// <summary>Sends SIGTERM and waits for the exit.</summary>
    public bool Terminate(TimeSpan limit)
    {
        if (!_process.HasExited)
        {
            _ = SysMedic.Tui.Commands.NativeSignals.Kill(_process.Id, SysMedic.Tui.Commands.NativeSignals.SigTerm);
        }

        return _process.WaitForExit(limit);
    }

    public void Dispose()
    {
        // Twice is once: a test that ends a process itself may still hold it in the list its teardown disposes, and a
        // second Dispose throwing there would leave the processes after it running.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
