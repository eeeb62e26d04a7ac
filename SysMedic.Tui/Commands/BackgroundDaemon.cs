using System.CommandLine;
using System.Diagnostics;
using SysMedic.Agent.Daemon;
using SysMedic.Core.Config;
using SysMedic.Core.ProcFs;

namespace SysMedic.Tui.Commands;

/// <summary>
/// One of the two daemons run outside systemd: how <c>start</c> launches it in the background and waits until it is
/// ready, and how <c>stop</c> ends it (SIGTERM, then waits). Shared by <c>sysmedic daemon</c> and <c>sysmedic websocket</c>.
/// </summary>
internal sealed record BackgroundDaemon(string Name, string What, string Flag, Func<string> PidPath, string ConsoleLogName)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Its PID when it runs: from its PID file in the runtime directory, else from the one an older version kept in
    /// <c>data_path</c>.
    /// </summary>
    public int? Running(SysMedicConfig config) => RuntimeFiles.FindRunning(PidPath(), config);

    /// <summary>
    /// Starts it unless it runs; waits until <paramref name="ready"/> holds for the PID its PID file names, and fails
    /// with its last words as soon as the process it launched has exited. Returns the exit code.
    /// </summary>
    public int Start(ParseResult parsed, SysMedicConfig config, Func<int, bool> ready)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        if (Running(config) is { } running)
        {
            output.WriteLine($"{Name}: already running (PID: {running})");
            return SysMedicCli.Ok;
        }

        Directory.CreateDirectory(config.LogPath);
        string console = Path.Combine(config.LogPath, ConsoleLogName);
        MakePrivate(console);
        int? launched;
        using (Process shell = Spawn(CliConfig.ResolvePath(parsed), console))
        {
            launched = int.TryParse(shell.StandardOutput.ReadToEnd().Trim(), out int child) ? child : null;
            shell.WaitForExit();
        }

        // Ready is the daemon's own word: its PID file names a live process that passes the check, so a port that
        // another program answers on does not count.
        var clock = Stopwatch.StartNew();
        bool exited = false;
        while (clock.Elapsed < ReadyTimeout)
        {
            if (Running(config) is { } pid && ready(pid))
            {
                output.WriteLine($"{Name}: started (PID: {pid})");
                return SysMedicCli.Ok;
            }

            if (launched is { } l && HasExited(l))
            {
                exited = true;
                break;
            }

            Thread.Sleep(100);
        }

        TextWriter error = parsed.InvocationConfiguration.Error;
        error.WriteLine(exited
            ? $"sysmedic: the {What} exited at start; its last words ({console}):"
            : $"sysmedic: the {What} did not become ready within {ReadyTimeout.TotalSeconds:0} s; its last words ({console}):");
        foreach (string line in Tail(console, 10))
        {
            error.WriteLine("  " + line);
        }

        return SysMedicCli.Failed;
    }

    /// <summary>Stops it if it runs (SIGTERM) and waits until it has exited. Returns the exit code.</summary>
    public int Stop(ParseResult parsed, SysMedicConfig config)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        if (Running(config) is not { } pid)
        {
            output.WriteLine($"{Name}: not running");
            return SysMedicCli.Ok;
        }

        using Process? process = Find(pid);
        if (process is null)
        {
            output.WriteLine($"{Name}: not running (PID {pid} has just exited)");
            return SysMedicCli.Ok;
        }

        _ = NativeSignals.Kill(pid, NativeSignals.SigTerm);
        if (!process.WaitForExit(StopTimeout))
        {
            parsed.InvocationConfiguration.Error.WriteLine($"sysmedic: the {What} (PID: {pid}) did not stop within {StopTimeout.TotalSeconds:0} s");
            return SysMedicCli.Failed;
        }

        output.WriteLine($"{Name}: stopped (PID: {pid})");
        return SysMedicCli.Ok;
    }

    // The daemon's own output can hold what its log holds: the shell's redirection must not make it readable by all.
    private static void MakePrivate(string path)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (new FileStream(path, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, UnixCreateMode = Private }))
        {
        }

        File.SetUnixFileMode(path, Private);
    }

    /// <summary>How long the process <paramref name="pid"/> has run, or zero when it is gone.</summary>
    public static TimeSpan Uptime(int pid)
    {
        using Process? process = Find(pid);
        return process is null ? TimeSpan.Zero : DateTime.Now - process.StartTime;
    }

    private Process Spawn(string configPath, string console)
    {
        // A new session (setsid) with no terminal, so the daemon outlives this shell; its own output goes to a file.
        // The shell prints the daemon's PID: setsid, not a group leader in a background job, execs without forking.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("setsid \"$@\" </dev/null >>\"$SYSMEDIC_CONSOLE_LOG\" 2>&1 & echo $!");
        psi.ArgumentList.Add("sh");
        foreach (string arg in SelfCommand())
        {
            psi.ArgumentList.Add(arg);
        }

        psi.ArgumentList.Add(Flag);
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(configPath);
        psi.Environment["SYSMEDIC_CONSOLE_LOG"] = console;
        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start /bin/sh");
    }

    /// <summary>How to run this same program again: the binary, or <c>dotnet sysmedic.dll</c> when run through dotnet.</summary>
    internal static IReadOnlyList<string> SelfCommand()
    {
        string process = Environment.ProcessPath ?? "sysmedic";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, "sysmedic.dll")]
            : [process];
    }

    // Gone, or a zombie nobody has reaped yet (where the container's first process does not reap).
    private static bool HasExited(int pid)
    {
        try
        {
            byte[] stat = File.ReadAllBytes($"/proc/{pid}/stat");
            return !PidStat.TryParse(stat, out PidStat s, out _) || s.State == (byte)'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static Process? Find(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static List<string> Tail(string path, int lines)
    {
        try
        {
            return File.ReadLines(path).TakeLast(lines).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
