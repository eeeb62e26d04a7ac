namespace SysMedic.Core.Sampling;

/// <summary>Sums processes per user and applies the user-filtering rules to the result.</summary>
public static class UserAggregator
{
    /// <summary>
    /// Per-user sums of <paramref name="processes"/>, filtered by <paramref name="filter"/>, busiest first
    /// (CPU%, then memory%, then name).
    /// </summary>
    public static IReadOnlyList<UserUsage> Aggregate(IReadOnlyList<ProcessUsage> processes, UserFilter filter)
    {
        var sums = new Dictionary<uint, Accumulator>();
        foreach (ProcessUsage p in processes)
        {
            if (!sums.TryGetValue(p.Uid, out Accumulator? a))
            {
                a = new Accumulator(p.User);
                sums[p.Uid] = a;
            }

            a.Cpu += p.CpuPercent;
            a.Memory += p.MemoryPercent;
            a.Rss += p.RssBytes;
            a.Pids.Add(p.Pid);
        }

        var users = new List<UserUsage>(sums.Count);
        foreach (var (uid, a) in sums)
        {
            if (filter.Includes(uid, a.User, a.Cpu, a.Memory))
            {
                users.Add(new UserUsage(a.User, uid, a.Cpu, a.Memory, a.Rss, a.Pids.Count, a.Pids));
            }
        }

        users.Sort(static (x, y) =>
        {
            int c = y.CpuPercent.CompareTo(x.CpuPercent);
            c = c != 0 ? c : y.MemoryPercent.CompareTo(x.MemoryPercent);
            return c != 0 ? c : string.CompareOrdinal(x.Username, y.Username);
        });
        return users;
    }

    private sealed class Accumulator(string user)
    {
        public string User { get; } = user;

        public double Cpu { get; set; }

        public double Memory { get; set; }

        public long Rss { get; set; }

        public List<int> Pids { get; } = [];
    }
}
