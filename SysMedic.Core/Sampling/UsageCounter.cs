namespace SysMedic.Core.Sampling;

/// <summary>Adds each snapshot's exact per-user figures to running totals, by uid, since it was made.</summary>
internal sealed class UsageCounter(DateTimeOffset since)
{
    private readonly Dictionary<uint, UserTotal> _users = [];

    /// <summary>Adds <paramref name="users"/> (a snapshot's figures over its interval) and returns the totals.</summary>
    public UsageTotals Add(IReadOnlyList<UserUsage> users)
    {
        foreach (UserUsage u in users)
        {
            if (_users.TryGetValue(u.Uid, out UserTotal? t))
            {
                if (u.CpuSeconds > 0 || u.DiskReadBytes > 0 || u.DiskWriteBytes > 0 || t.Username != u.Username)
                {
                    _users[u.Uid] = t with
                    {
                        Username = u.Username,
                        CpuSeconds = t.CpuSeconds + u.CpuSeconds,
                        DiskReadBytes = t.DiskReadBytes + u.DiskReadBytes,
                        DiskWriteBytes = t.DiskWriteBytes + u.DiskWriteBytes,
                    };
                }
            }
            else
            {
                _users[u.Uid] = new UserTotal(u.Username, u.Uid, u.CpuSeconds, u.DiskReadBytes, u.DiskWriteBytes);
            }
        }

        var list = new List<UserTotal>(_users.Values);
        list.Sort(static (a, b) => a.Uid.CompareTo(b.Uid));
        return new UsageTotals(since, list);
    }
}
