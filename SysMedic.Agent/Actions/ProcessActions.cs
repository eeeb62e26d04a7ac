using System.Globalization;
using System.Runtime.InteropServices;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Actions;

/// <summary>
/// Signals and renices processes. With no <c>asUid</c> the call is made with this process's own rights and the
/// kernel alone decides (the embedded console: its user's rights). With <c>asUid</c> (the doctor acting for a
/// client) the kernel's permission rules for that uid are checked first (<see cref="ProcessPermissions"/>), on the
/// very process that is then signalled: a pidfd pins it, so a pid reused meanwhile is never hit.
/// </summary>
public sealed partial class ProcessActions(string procRoot = "/proc")
{
    private const long SysPidfdSendSignal = 424;
    private const long SysPidfdOpen = 434;
    private const int PrioProcess = 0;
    private const int Esrch = 3;
    private const int Eperm = 1;
    private const int Eacces = 13;

    /// <summary>Sends <paramref name="signal"/> (a name of <see cref="ProcessSignals"/>) to <paramref name="pid"/>.</summary>
    public ActionOutcome Signal(int pid, string signal, uint? asUid)
    {
        if (ProcessSignals.Number(signal) is not { } number)
        {
            return new ActionOutcome(ActionFailure.BadRequest, $"unknown signal {signal}", "");
        }

        string sig = "SIG" + ProcessSignals.NameOf(number);
        return Act(pid, asUid, (fd, name, target) =>
        {
            if (target is { } t && !ProcessPermissions.MaySignal(asUid!.Value, t))
            {
                return Refused(pid, name, ActionFailure.NotPermitted, "not permitted");
            }

            if (PidfdSendSignal(fd, number) != 0)
            {
                return Failed(pid, name, Marshal.GetLastPInvokeError());
            }

            return new ActionOutcome(ActionFailure.None, $"sent {sig} to {Describe(pid, name)}", name);
        });
    }

    /// <summary>Gives <paramref name="pid"/> nice value <paramref name="nice"/> (-20..19).</summary>
    public ActionOutcome Renice(int pid, int nice, uint? asUid)
    {
        if (nice is < -20 or > 19)
        {
            return new ActionOutcome(ActionFailure.BadRequest, $"nice {nice} is outside -20..19", "");
        }

        return Act(pid, asUid, (fd, name, target) =>
        {
            if (target is { } t && ProcessPermissions.MayRenice(asUid!.Value, t, nice) is var why && why != ActionFailure.None)
            {
                return Refused(pid, name, why, nice < t.Nice ? "not permitted to lower its nice value" : "not permitted");
            }

            // setpriority has no pidfd form: the pid is checked to still be the pinned process just before.
            if (PidfdSendSignal(fd, 0) != 0 && Marshal.GetLastPInvokeError() == Esrch)
            {
                return Refused(pid, name, ActionFailure.NoSuchProcess, "no such process");
            }

            if (setpriority(PrioProcess, (uint)pid, nice) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno == Eacces ? Refused(pid, name, ActionFailure.NotPermitted, "not permitted to lower its nice value") : Failed(pid, name, errno);
            }

            return new ActionOutcome(ActionFailure.None, string.Create(CultureInfo.InvariantCulture, $"{Describe(pid, name)} now runs at nice {nice}"), name);
        });
    }

    /// <summary>What the kernel's checks look at in <paramref name="pid"/>; false when it is gone or unreadable.</summary>
    public bool TryReadTarget(int pid, out TargetCredentials target)
    {
        target = default;
        string dir = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            if (!TryParseUids(File.ReadAllText(Path.Combine(dir, "status")), out uint real, out uint effective, out uint saved))
            {
                return false;
            }

            target = new TargetCredentials(real, effective, saved, ReadNice(File.ReadAllText(Path.Combine(dir, "stat"))), ReadNiceLimit(File.ReadAllText(Path.Combine(dir, "limits"))));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The <c>Uid:</c> line of a status file: real, effective and saved uid.</summary>
    public static bool TryParseUids(string status, out uint real, out uint effective, out uint saved)
    {
        ArgumentNullException.ThrowIfNull(status);
        real = effective = saved = 0;
        foreach (string line in status.Split('\n'))
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                continue;
            }

            string[] f = line[4..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return f.Length >= 3
                && uint.TryParse(f[0], CultureInfo.InvariantCulture, out real)
                && uint.TryParse(f[1], CultureInfo.InvariantCulture, out effective)
                && uint.TryParse(f[2], CultureInfo.InvariantCulture, out saved);
        }

        return false;
    }

    /// <summary>The soft "Max nice priority" of a limits file: 0 by default, 40 when unlimited.</summary>
    public static int ReadNiceLimit(string limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (string line in limits.Split('\n'))
        {
            if (line.StartsWith("Max nice priority", StringComparison.Ordinal))
            {
                string soft = line["Max nice priority".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return soft == "unlimited" ? 40 : int.Parse(soft, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static int ReadNice(string stat)
    {
        // Field 19 of proc_pid_stat(5), counted after the command name (which may hold spaces) ends at the last ')'.
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(f[16], CultureInfo.InvariantCulture);
    }

    private ActionOutcome Act(int pid, uint? asUid, Func<int, string, TargetCredentials?, ActionOutcome> act)
    {
        if (pid <= 0)
        {
            // kill(0) and kill(-1) mean whole groups, and everything: never a process of a table.
            return new ActionOutcome(ActionFailure.BadRequest, $"{pid} is not a process id", "");
        }

        string name = NameOf(pid);
        int fd = (int)syscall(SysPidfdOpen, pid, 0, 0, 0);
        if (fd < 0)
        {
            return Failed(pid, name, Marshal.GetLastPInvokeError());
        }

        try
        {
            TargetCredentials? target = null;
            if (asUid is not null)
            {
                // Read, then make sure the pinned process is still alive: then what was read was its own.
                if (!TryReadTarget(pid, out TargetCredentials t) || (PidfdSendSignal(fd, 0) != 0 && Marshal.GetLastPInvokeError() == Esrch))
                {
                    return Refused(pid, name, ActionFailure.NoSuchProcess, "no such process");
                }

                target = t;
            }

            return act(fd, name, target);
        }
        finally
        {
            _ = close(fd);
        }
    }

    private string NameOf(int pid)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "comm")).TrimEnd('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string Describe(int pid, string name) =>
        name.Length == 0 ? pid.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{pid} ({name})");

    private static ActionOutcome Refused(int pid, string name, ActionFailure failure, string why) =>
        new(failure, $"{Describe(pid, name)}: {why}", name);

    private static ActionOutcome Failed(int pid, string name, int errno) => errno switch
    {
        Esrch => Refused(pid, name, ActionFailure.NoSuchProcess, "no such process"),
        Eperm or Eacces => Refused(pid, name, ActionFailure.NotPermitted, "not permitted"),
        _ => Refused(pid, name, ActionFailure.BadRequest, Marshal.GetPInvokeErrorMessage(errno)),
    };

    private static int PidfdSendSignal(int fd, int signal) => (int)syscall(SysPidfdSendSignal, fd, signal, 0, 0);

    // The raw system call: glibc before 2.36 has no pidfd wrappers. Both calls have the same number on every
    // architecture (the numbers unified from 403 on).
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall(long number, long a1, long a2, long a3, long a4);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int prio);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
