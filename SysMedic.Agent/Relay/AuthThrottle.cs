using System.Net;

namespace SysMedic.Agent.Relay;

/// <summary>What the relay does with a request from an address, given its recent failed logins.</summary>
public readonly record struct AuthVerdict(bool Refused, TimeSpan RetryAfter);

/// <summary>
/// Slows, then refuses, an address that keeps presenting a wrong secret: the first <see cref="SlowAfter"/> failures in
/// the window are answered at once, the next ones after a growing delay (1 s more each, up to 5 s), and at
/// <see cref="BlockAfter"/> the address is refused (HTTP 429) for <see cref="BlockFor"/>. A good secret clears the count.
/// Memory is bounded: at most <see cref="MaxTracked"/> addresses are remembered.
/// </summary>
public sealed class AuthThrottle(TimeProvider time)
{
    /// <summary>Failures answered without delay.</summary>
    public const int SlowAfter = 3;

    /// <summary>Failures after which the address is refused.</summary>
    public const int BlockAfter = 10;

    /// <summary>Most addresses remembered at once.</summary>
    public const int MaxTracked = 10_000;

    /// <summary>How long failures are remembered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>How long a blocked address is refused.</summary>
    public static readonly TimeSpan BlockFor = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly Dictionary<IPAddress, Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>Whether a request from <paramref name="address"/> is refused before its secret is even looked at.</summary>
    public AuthVerdict Check(IPAddress address)
    {
        DateTimeOffset now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(address, out Entry entry) && entry.BlockedUntil > now)
            {
                return new AuthVerdict(true, entry.BlockedUntil - now);
            }

            return new AuthVerdict(false, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Counts a failure from <paramref name="address"/>: returns how long to wait before answering it, and whether this
    /// failure started a block (so it is logged once).
    /// </summary>
    public (TimeSpan Delay, bool Blocked, int Failures) RecordFailure(IPAddress address)
    {
        DateTimeOffset now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(address, out Entry entry) || now - entry.First > Window)
            {
                Prune(now);
                entry = new Entry(0, now, DateTimeOffset.MinValue);
            }

            entry = entry with { Failures = entry.Failures + 1 };
            bool blocked = entry.Failures >= BlockAfter && entry.BlockedUntil <= now;
            if (blocked)
            {
                entry = entry with { BlockedUntil = now + BlockFor };
            }

            _entries[address] = entry;
            TimeSpan delay = entry.Failures <= SlowAfter
                ? TimeSpan.Zero
                : TimeSpan.FromSeconds(Math.Min(entry.Failures - SlowAfter, MaxDelay.TotalSeconds));
            return (delay, blocked, entry.Failures);
        }
    }

    /// <summary>A good secret from <paramref name="address"/>: its failures are forgotten.</summary>
    public void RecordSuccess(IPAddress address)
    {
        lock (_gate)
        {
            _entries.Remove(address);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_entries.Count < MaxTracked)
        {
            return;
        }

        foreach (var (address, entry) in _entries.ToList())
        {
            if (now - entry.First > Window && entry.BlockedUntil <= now)
            {
                _entries.Remove(address);
            }
        }

        // Still full (a flood of addresses): forget those that are not blocked, so a block is never lifted by a flood.
        if (_entries.Count >= MaxTracked)
        {
            foreach (var (address, entry) in _entries.ToList())
            {
                if (entry.BlockedUntil <= now)
                {
                    _entries.Remove(address);
                }
            }
        }
    }

    private readonly record struct Entry(int Failures, DateTimeOffset First, DateTimeOffset BlockedUntil);
}
