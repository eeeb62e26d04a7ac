using System.Threading.Channels;

namespace SysMedic.Agent.Protocol;

/// <summary>
/// What waits to be pushed to one client. Snapshots keep only the newest (a slow client misses some, never slows
/// the others, never grows memory); events such as alerts are kept in order up to a bound.
/// </summary>
public sealed class PendingPushes
{
    private const int MaxEvents = 256;

    private readonly Channel<string> _events = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxEvents) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private string? _snapshot;

    /// <summary>Snapshots replaced by a newer one before they could be sent.</summary>
    public long DroppedSnapshots { get; private set; }

    /// <summary>Replaces the pending snapshot with <paramref name="json"/>.</summary>
    public void OfferSnapshot(string json)
    {
        if (Interlocked.Exchange(ref _snapshot, json) is not null)
        {
            DroppedSnapshots++;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Queues an event (an alert) to be sent in order.</summary>
    public void OfferEvent(string json)
    {
        _events.Writer.TryWrite(json);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits for something to send, then returns it all: events first, then the newest snapshot.</summary>
    public async ValueTask<IReadOnlyList<string>> TakeAsync(CancellationToken cancel)
    {
        _ = await _wake.Reader.ReadAsync(cancel);
        var batch = new List<string>();
        while (_events.Reader.TryRead(out string? e))
        {
            batch.Add(e);
        }

        if (Interlocked.Exchange(ref _snapshot, null) is { } s)
        {
            batch.Add(s);
        }

        return batch;
    }
}
