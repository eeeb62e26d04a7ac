namespace SysMedic.Core.Sampling;

/// <summary>
/// Bounds the <c>/proc/[pid]/io</c> reads of known processes in one pass to a tenth of the processes (at least 32),
/// so a host where everything runs pays a bounded price: about 5% more per pass (an io read costs three quarters of
/// a stat read, measured). Those left over wait for a following pass and are taken in turn, from the pid after the
/// last one read (round robin). Nothing is lost by waiting: the counters only grow, and a process that ends unread
/// leaves all its I/O to its parent. A new process is always read (once per process life, with its status and
/// command line).
/// </summary>
internal sealed class IoReadBudget
{
    private const int Floor = 32;
    private const int Share = 10;

    private readonly List<int> _deferred = [];
    private int _left;
    private int _cursor;
    private int _lastTaken;
    private int _unread;

    /// <summary>Indices (into the pass's buffer) of the processes put off in the scan.</summary>
    public IReadOnlyList<int> Deferred => _deferred;

    /// <summary>Starts a pass over about <paramref name="processes"/> processes.</summary>
    public void Start(int processes)
    {
        _left = Math.Max(Floor, processes / Share);
        _lastTaken = -1;
        _unread = 0;
        _deferred.Clear();
    }

    /// <summary>During the scan: whether the process <paramref name="pid"/> (at <paramref name="index"/>) may be read now; if not, it is put off.</summary>
    public bool Take(int pid, int index)
    {
        if (pid > _cursor && _left > 0)
        {
            _left--;
            _lastTaken = pid;
            return true;
        }

        _deferred.Add(index);
        _unread++;
        return false;
    }

    /// <summary>After the scan, for a process put off: whether it may be read now (its turn came round again).</summary>
    public bool TakeDeferred(int pid)
    {
        if (pid > _cursor || _left == 0)
        {
            return false;
        }

        _left--;
        _unread--;
        _lastTaken = pid;
        return true;
    }

    /// <summary>Ends the pass: the next starts after the last pid read, or from the beginning when none was left over.</summary>
    public void End()
    {
        if (_unread == 0)
        {
            _cursor = 0;
        }
        else if (_lastTaken >= 0)
        {
            _cursor = _lastTaken;
        }
    }
}
