using System.Diagnostics;

namespace SysMedic.Tests.Tui;

/// <summary>
/// A tmux session on a private server socket running one command in a real terminal of a given size. Disposing it
/// kills that session only.
/// </summary>
internal sealed class TmuxSession : IDisposable
{
    private readonly string _socket;

    private TmuxSession(string name, string socket)
    {
        Name = name;
        _socket = socket;
    }

    public string Name { get; }

    public static bool IsInstalled()
    {
        try
        {
            return Tmux(null, "-V").Code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static TmuxSession Start(string command, int cols, int rows)
    {
        string id = Guid.NewGuid().ToString("N")[..8];
        var session = new TmuxSession("sysmedic-e2e-" + id, "sysmedic-e2e-" + id);
        (int code, string output) = Tmux(session._socket, "new-session", "-d", "-s", session.Name, "-x", cols.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), command);
        if (code != 0)
        {
            throw new InvalidOperationException("tmux new-session failed: " + output);
        }

        return session;
    }

    public void SendKeys(params string[] keys)
    {
        (int code, string output) = Tmux(_socket, ["send-keys", "-t", Name, .. keys]);
        if (code != 0)
        {
            throw new InvalidOperationException($"tmux send-keys {string.Join(' ', keys)} failed ({code}): {output}");
        }
    }

    public string Capture() => Tmux(_socket, "capture-pane", "-p", "-t", Name).Output;

    /// <summary>Polls the screen until it satisfies <paramref name="done"/>; returns the last screen either way.</summary>
    public string WaitFor(Func<string, bool> done, TimeSpan? patience = null, [System.Runtime.CompilerServices.CallerLineNumber] int line = 0)
    {
        var clock = Stopwatch.StartNew();
        string screen = Capture();
        while (!done(screen) && clock.Elapsed < (patience ?? TimeSpan.FromSeconds(60)))
        {
            Thread.Sleep(200);
            screen = Capture();
        }

        if (!done(screen))
        {
            // Said as it happens: a wait that gives up is the first thing to look at when a screen test is slow or fails.
            TestContext.Progress.WriteLine($"tmux: gave up after {clock.Elapsed.TotalSeconds:0} s waiting (line {line})");
        }

        return screen;
    }

    public string WaitFor(string text, [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), line: line);

    public void Dispose()
    {
        // The private server ends with its only session; its socket file stays behind unless removed.
        string socketPath = Tmux(_socket, "display-message", "-p", "-t", Name, "#{socket_path}").Output.Trim();
        Tmux(_socket, "kill-session", "-t", Name);
        if (socketPath.Length > 0 && socketPath.EndsWith(_socket, StringComparison.Ordinal))
        {
            File.Delete(socketPath);
        }
    }

    private static (int Code, string Output) Tmux(string? socket, params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (socket is not null)
        {
            info.ArgumentList.Add("-L");
            info.ArgumentList.Add(socket);
        }

        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
