namespace SysMedic.Core.Sampling;

/// <summary>Sums processes per user and applies the user-filtering rules to the result.</summary>
public static class UserAggregator
{
    /// <summary>
    /// Per-user sums of <paramref name="processes"/>, filtered by <paramref name="filter"/>, busiest first
    /// (CPU%, then memory%, then name). CPU is the sum of the processes' CPU% (no exact accounting).
    /// </summary>
    public static IReadOnlyList<UserUsage> Aggregate(IReadOnlyList<ProcessUsage> processes, UserFilter filter)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(filter);
        var sums = new Dictionary<uint, Accumulator>();
        foreach (ProcessUsage p in processes)
        {
            Accumulator a = Get(sums, p.Uid, p.User);
            a.CpuPercent += p.CpuPercent;
            a.Add(p);
        }

        var users = new List<UserUsage>(sums.Count);
        foreach (var (uid, a) in sums)
        {
            if (filter.Includes(uid, a.User, a.CpuPercent, a.Memory))
            {
                users.Add(new UserUsage(a.User, uid, a.CpuPercent, a.Memory, a.Rss, a.Pids.Count, a.Pids));
            }
        }

        Sort(users);
        return users;
    }

    /// <summary>
    /// Per-user figures with exact CPU and disk bytes from <paramref name="input"/>'s deltas and slices, over
    /// <paramref name="seconds"/>: the users <paramref name="filter"/> lists, busiest first, and all of them.
    /// </summary>
    internal static (IReadOnlyList<UserUsage> Listed, IReadOnlyList<UserUsage> All) Aggregate(Input input, UserFilter filter, double seconds)
    {
        var sums = new Dictionary<uint, Accumulator>();
        var sliced = new HashSet<uint>();
        foreach (SliceUsage s in input.Slices)
        {
            _ = sliced.Add(s.Uid);
        }

        IReadOnlyList<ProcessUsage> processes = input.Processes;
        for (int i = 0; i < processes.Count; i++)
        {
            ProcessUsage p = processes[i];
            ref readonly ProcessDelta d = ref input.Deltas[i];
            Accumulator a = Get(sums, p.Uid, p.User);
            a.Add(p);

            // A process in a user slice is counted by the slice (whoever it runs as: sudo in a session is the
            // session's user's), so it is left out here; every other process counts for its own user.
            if (input.Samples[i].Info.SliceUid is not { } slice || !sliced.Contains(slice))
            {
                a.Ticks += d.OwnTicks + d.ChildrenTicks;
                a.ExitedTicks += d.ChildrenTicks;
            }

            if (d.IoKnown)
            {
                a.IoKnown = true;
                a.Read += d.ReadBytes;
                a.Write += d.WriteBytes;
            }

            a.New += d.IsNew ? 1 : 0;
        }

        foreach (SliceUsage s in input.Slices)
        {
            Accumulator a = Get(sums, s.Uid, input.Names?.Invoke(s.Uid) ?? s.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            a.SliceSeconds += s.CpuSeconds;
            a.Pressure = s.Pressure;
            a.FromSlice = true;
        }

        var all = new List<UserUsage>(sums.Count);
        var listed = new List<UserUsage>(sums.Count);
        foreach (var (uid, a) in sums)
        {
            UserUsage u = a.ToUsage(uid, input, seconds);
            all.Add(u);
            if (filter.Includes(uid, u.Username, u.CpuPercent, u.MemoryPercent))
            {
                listed.Add(u);
            }
        }

        Sort(listed);
        return (listed, all);
    }

    private static Accumulator Get(Dictionary<uint, Accumulator> sums, uint uid, string user)
    {
        if (!sums.TryGetValue(uid, out Accumulator? a))
        {
            a = new Accumulator(user);
            sums[uid] = a;
        }

        return a;
    }

    private static void Sort(List<UserUsage> users) => users.Sort(static (x, y) =>
    {
        int c = y.CpuPercent.CompareTo(x.CpuPercent);
        c = c != 0 ? c : y.MemoryPercent.CompareTo(x.MemoryPercent);
        return c != 0 ? c : string.CompareOrdinal(x.Username, y.Username);
    });

    /// <summary>The processes of a snapshot (in the order of their samples), their deltas and the slices.</summary>
    internal readonly ref struct Input(IReadOnlyList<ProcessUsage> processes, ReadOnlySpan<ProcessSample> samples, ReadOnlySpan<ProcessDelta> deltas, double machineSeconds, int ticksPerSecond)
    {
        public IReadOnlyList<ProcessUsage> Processes { get; } = processes;

        public ReadOnlySpan<ProcessSample> Samples { get; } = samples;

        public ReadOnlySpan<ProcessDelta> Deltas { get; } = deltas;

        /// <summary>Core-seconds the machine had in the interval (interval x CPUs).</summary>
        public double MachineSeconds { get; } = machineSeconds;

        public int TicksPerSecond { get; } = ticksPerSecond;

        public IReadOnlyList<SliceUsage> Slices { get; init; } = [];

        public Func<uint, string>? Names { get; init; }
    }

    private sealed class Accumulator(string user)
    {
        public string User { get; } = user;

        public double CpuPercent { get; set; }

        public double Memory { get; set; }

        public long Rss { get; set; }

        public List<int> Pids { get; } = [];

        public ulong Ticks { get; set; }

        public ulong ExitedTicks { get; set; }

        public double SliceSeconds { get; set; }

        public bool FromSlice { get; set; }

        public bool IoKnown { get; set; }

        public ulong Read { get; set; }

        public ulong Write { get; set; }

        public int New { get; set; }

        public ResourcePressure? Pressure { get; set; }

        public void Add(ProcessUsage p)
        {
            Memory += p.MemoryPercent;
            Rss += p.RssBytes;
            Pids.Add(p.Pid);
        }

        public UserUsage ToUsage(uint uid, in Input input, double seconds)
        {
            double ticks = input.TicksPerSecond;
            double cpuSeconds = (Ticks / ticks) + SliceSeconds;
            double cpu = input.MachineSeconds <= 0 ? 0 : Math.Min(100, 100 * cpuSeconds / input.MachineSeconds);
            bool io = IoKnown && seconds > 0;
            return new UserUsage(User, uid, cpu, Memory, Rss, Pids.Count, Pids)
            {
                CpuSeconds = cpuSeconds,
                ExitedCpuSeconds = ExitedTicks / ticks,
                CpuFromSlice = FromSlice,
                DiskReadBytes = (long)Read,
                DiskWriteBytes = (long)Write,
                DiskReadBytesPerSec = io ? Read / seconds : null,
                DiskWriteBytesPerSec = io ? Write / seconds : null,
                NewProcesses = New,
                Pressure = Pressure,
            };
        }
    }
}
