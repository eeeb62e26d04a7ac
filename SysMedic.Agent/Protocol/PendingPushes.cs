using System.Threading.Channels;

namespace SysMedic.Agent.Protocol;

/// <summary>
/// What waits to be pushed to one client. Snapshots keep only the newest (a slow client misses some, never slows
/// the others, never grows memory); events such as alerts are kept in order up to a bound.
/// </summary>
public sealed class PendingPushes
{
    private const int MaxEvents = 256;

    private readonly Channel<byte[]> _events = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxEvents) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private byte[]? _snapshot;

    /// <summary>Snapshots replaced by a newer one before they could be sent.</summary>
    public long DroppedSnapshots { get; private set; }

    /// <summary>Replaces the pending snapshot with <paramref name="utf8"/> (a message as UTF-8 JSON, shared by every client).</summary>
    public void OfferSnapshot(byte[] utf8)
    {
        if (Interlocked.Exchange(ref _snapshot, utf8) is not null)
        {
            DroppedSnapshots++;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Queues an event (an alert, an answer) as UTF-8 JSON, to be sent in order.</summary>
    public void OfferEvent(byte[] utf8)
    {
        _events.Writer.TryWrite(utf8);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits for something to send, then returns it all: events first, then the newest snapshot.</summary>
    public async ValueTask<IReadOnlyList<byte[]>> TakeAsync(CancellationToken cancel)
    {
        _ = await _wake.Reader.ReadAsync(cancel);
        var batch = new List<byte[]>();
        while (_events.Reader.TryRead(out byte[]? e))
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
