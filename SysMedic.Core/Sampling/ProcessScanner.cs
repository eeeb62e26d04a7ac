using System.Buffers;
using System.IO.Enumeration;
using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>
/// Reads every process under a /proc root. Each pass opens only <c>/proc/[pid]/stat</c> per process (and takes the
/// file's owner from statx on the open descriptor); <c>status</c>, <c>cmdline</c>, <c>cgroup</c> and the user name
/// are read once per new process, or again when its name (exec) or owner (setuid) changes. <c>/proc/[pid]/io</c> is
/// read for a new process, and again only for one that used CPU since it was last read: one that ran no code did no
/// I/O syscalls and dirtied no pages, so its counters are as they were; those re-reads are bounded per pass
/// (<see cref="IoReadBudget"/>). A process that vanishes or cannot be read is skipped.
/// </summary>
public sealed class ProcessScanner : IDisposable
{
    private const int StatBufferSize = 4096;
    private const int CmdlineLimit = 64 * 1024;

    private static readonly EnumerationOptions PidEnumeration = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly ProcDirectory _proc;
    private readonly PasswdFile _passwd;
    private readonly Dictionary<int, ProcessInfo> _known = [];
    private readonly byte[] _buffer = new byte[StatBufferSize];
    private readonly bool _readIo;
    private readonly IoReadBudget _io = new();
    private int _generation;
    private int _lastCount;

    /// <summary>
    /// Scans <paramref name="procRoot"/>, naming owners from <paramref name="passwd"/>; with <paramref name="readIo"/>,
    /// reads the disk I/O of the processes that ran.
    /// </summary>
    public ProcessScanner(string procRoot, PasswdFile passwd, bool readIo = true)
    {
        _proc = new ProcDirectory(procRoot);
        _passwd = passwd;
        _readIo = readIo;
    }

    /// <summary>Counters of this scanner's life.</summary>
    public ScannerStatistics Statistics { get; } = new();

    /// <summary>Reads every process into <paramref name="buffer"/> (grown when needed), ascending by pid; returns the count.</summary>
    public int Scan(ref ProcessSample[] buffer)
    {
        _generation++;
        _ = _passwd.Refresh();
        _io.Start(_lastCount);
        int count = 0;
        Span<byte> path = stackalloc byte[32];
        var pids = new FileSystemEnumerable<int>(_proc.Path, static (ref FileSystemEntry e) => ParsePid(e.FileName), PidEnumeration)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry e) => ParsePid(e.FileName) > 0,
        };

        foreach (int pid in pids)
        {
            int len = ProcDirectory.PidPath(pid, "stat"u8, path);
            int n = _proc.Read(path[..len], _buffer, wantOwner: true, out uint owner);
            if (n <= 0 || !PidStat.TryParse(_buffer.AsSpan(0, n), out PidStat stat, out Range comm))
            {
                // Gone between listing and reading, unreadable, or truncated: skipped, as ps does.
                Statistics.Skipped++;
                continue;
            }

            ProcessInfo info = Resolve(stat, _buffer.AsSpan(0, n)[comm], owner);
            if (_readIo && !stat.IsKernelThread && !info.IoDenied && (stat.CpuTicks != info.LastCpuTicks || info.IoDue))
            {
                // A new process (never read) always; one seen before within the pass's budget, else later.
                if (info.LastCpuTicks == ulong.MaxValue || _io.Take(pid, count))
                {
                    ReadIo(info);
                }
                else
                {
                    info.IoDue = true;
                }
            }

            info.LastCpuTicks = stat.CpuTicks;
            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(64, buffer.Length * 2));
            }

            buffer[count++] = new ProcessSample(info, stat.Ppid, stat.State, stat.Priority, stat.Nice, stat.Threads, stat.CpuTicks, stat.RssPages)
            {
                ChildrenCpuTicks = stat.ChildrenCpuTicks,
                ReadBytes = info.Io.ReadBytes,
                WriteBytes = info.Io.WriteBytes,
                IoKnown = info.IoKnown,
            };
        }

        ReadDeferredIo(buffer);
        _lastCount = count;
        Forget(count);
        EnsureSorted(buffer, count);
        return count;
    }

    // The io reads put off in the scan whose turn came round again, while the pass's budget lasts.
    private void ReadDeferredIo(ProcessSample[] buffer)
    {
        foreach (int i in _io.Deferred)
        {
            ProcessInfo info = buffer[i].Info;
            if (_io.TakeDeferred(info.Pid))
            {
                ReadIo(info);
                buffer[i] = buffer[i] with { ReadBytes = info.Io.ReadBytes, WriteBytes = info.Io.WriteBytes, IoKnown = info.IoKnown };
            }
        }

        _io.End();
    }

    private ProcessInfo Resolve(in PidStat stat, ReadOnlySpan<byte> comm, uint owner)
    {
        if (!_known.TryGetValue(stat.Pid, out ProcessInfo? info) || info.StartTimeTicks != stat.StartTimeTicks)
        {
            // A new process, or a reused pid.
            info = new ProcessInfo(stat.Pid, stat.StartTimeTicks);
            _known[stat.Pid] = info;
            SetName(info, comm, readCmdline: !stat.IsKernelThread);
            SetOwner(info, owner);
            Statistics.NewProcesses++;
        }
        else
        {
            if (!comm.SequenceEqual(info.CommBytes))
            {
                // An exec: new name, new command line. Kernel threads rename themselves with their work item
                // (kworker/0:2-events) and have no command line to read again.
                SetName(info, comm, readCmdline: !stat.IsKernelThread);
            }

            if (owner != info.OwnerUid)
            {
                SetOwner(info, owner);
            }
            else if (info.PasswdVersion != _passwd.Version)
            {
                info.User = _passwd.NameOf(info.Uid);
                info.PasswdVersion = _passwd.Version;
            }
        }

        info.Generation = _generation;
        return info;
    }

    private void SetName(ProcessInfo info, ReadOnlySpan<byte> comm, bool readCmdline)
    {
        info.CommBytes = comm.ToArray();
        info.Name = Encoding.UTF8.GetString(comm);
        if (readCmdline)
        {
            info.Cmdline = ReadCmdline(info.Pid);

            // Login moves a session's first process into its scope before the shell is exec'd: reading the cgroup
            // again at each exec follows that move. Kernel threads all live in the root cgroup.
            SetCgroup(info);
        }
    }

    private void SetCgroup(ProcessInfo info)
    {
        Span<byte> path = stackalloc byte[32];
        int len = ProcDirectory.PidPath(info.Pid, "cgroup"u8, path);
        int n = _proc.Read(path[..len], _buffer, wantOwner: false, out _);
        if (n > 0 && PidCgroup.TryParse(_buffer.AsSpan(0, n), out Range range, out bool unified))
        {
            ReadOnlySpan<byte> cgroup = _buffer.AsSpan(0, n)[range];
            if (!cgroup.SequenceEqual(info.CgroupBytes))
            {
                info.CgroupBytes = cgroup.ToArray();
                info.Cgroup = Encoding.UTF8.GetString(cgroup);
                info.SliceUid = unified ? PidCgroup.UserSliceUid(info.Cgroup) : null;
            }
        }

        Statistics.CgroupReads++;
    }

    private void ReadIo(ProcessInfo info)
    {
        Span<byte> path = stackalloc byte[32];
        int len = ProcDirectory.PidPath(info.Pid, "io"u8, path);
        int n = _proc.Read(path[..len], _buffer, wantOwner: false, out _);
        Statistics.IoReads++;
        info.IoDue = false;
        if (n > 0 && PidIo.TryParse(_buffer.AsSpan(0, n), out PidIo io))
        {
            info.Io = io;
            info.IoKnown = true;
        }
        else
        {
            // Another user's process without root (EACCES), or it just ended: its I/O is unknown, not zero. Not
            // tried again in this process's life (until its owner changes): a denied open costs a syscall per pass.
            info.IoKnown = false;
            info.IoDenied = true;
            Statistics.IoUnreadable++;
        }
    }

    private void SetOwner(ProcessInfo info, uint owner)
    {
        // The /proc/[pid] owner is the effective uid, except for non-dumpable processes (ssh-agent, setuid
        // programs), which the kernel shows as root. status has the truth, so it is read whenever the owner changes.
        Span<byte> path = stackalloc byte[32];
        int len = ProcDirectory.PidPath(info.Pid, "status"u8, path);
        int n = _proc.Read(path[..len], _buffer, wantOwner: false, out _);
        info.Uid = n > 0 && PidStatus.TryParse(_buffer.AsSpan(0, n), out PidStatus status) ? status.EffectiveUid : owner;
        info.OwnerUid = owner;
        info.IoDenied = false;
        info.User = _passwd.NameOf(info.Uid);
        info.PasswdVersion = _passwd.Version;
    }

    private string ReadCmdline(int pid)
    {
        Span<byte> path = stackalloc byte[32];
        int len = ProcDirectory.PidPath(pid, "cmdline"u8, path);
        byte[] rented = ArrayPool<byte>.Shared.Rent(CmdlineLimit);
        try
        {
            int n = _proc.Read(path[..len], rented.AsSpan(0, CmdlineLimit), wantOwner: false, out _);
            if (n <= 0)
            {
                return "";
            }

            Span<byte> args = rented.AsSpan(0, n).TrimEnd((byte)0);
            args.Replace((byte)0, (byte)' ');
            return Encoding.UTF8.GetString(args);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Forget(int seen)
    {
        if (_known.Count == seen)
        {
            return;
        }

        foreach (var (pid, info) in _known)
        {
            if (info.Generation != _generation)
            {
                _ = _known.Remove(pid);
            }
        }
    }

    private static void EnsureSorted(ProcessSample[] buffer, int count)
    {
        for (int i = 1; i < count; i++)
        {
            if (buffer[i - 1].Pid > buffer[i].Pid)
            {
                Array.Sort(buffer, 0, count, PidComparer.Instance);
                return;
            }
        }
    }

    private static int ParsePid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 10)
        {
            return 0;
        }

        long pid = 0;
        foreach (char c in name)
        {
            if (c is < '0' or > '9')
            {
                return 0;
            }

            pid = (pid * 10) + (c - '0');
        }

        return pid is > 0 and <= int.MaxValue ? (int)pid : 0;
    }

    public void Dispose() => _proc.Dispose();

    private sealed class PidComparer : IComparer<ProcessSample>
    {
        public static readonly PidComparer Instance = new();

        public int Compare(ProcessSample x, ProcessSample y) => x.Pid.CompareTo(y.Pid);
    }
}
