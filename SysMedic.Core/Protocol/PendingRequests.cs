using System.Collections.Concurrent;
using System.Globalization;

namespace SysMedic.Core.Protocol;

/// <summary>
/// Requests waiting for their answer, by id: gives each request a fresh id, completes it with the result or error
/// that carries that id, and fails every waiting one when the link ends. The same on either transport.
/// </summary>
public sealed class PendingRequests
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ProtocolMessage>> _waiting = new(StringComparer.Ordinal);
    private long _nextId;

    /// <summary>
    /// Sends <paramref name="build"/>(id) with <paramref name="send"/> and returns the answer with that id: its
    /// result, or an <see cref="ErrorMessage"/>. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<ProtocolMessage> RequestAsync(Func<string, RequestMessage> build, Func<RequestMessage, CancellationToken, ValueTask> send,
        TimeSpan timeout, TimeProvider time, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(send);
        string id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<ProtocolMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = done;
        try
        {
            await send(build(id), cancel);
            return await done.Task.WaitAsync(timeout, time, cancel);
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>Completes the request <paramref name="message"/> answers; false when it is not an answer to one waiting.</summary>
    public bool Complete(ProtocolMessage message)
    {
        string? id = message switch
        {
            ResultMessage result => result.Id,
            ErrorMessage error => error.Id,
            _ => null,
        };
        return id is not null && _waiting.TryGetValue(id, out TaskCompletionSource<ProtocolMessage>? waiting) && waiting.TrySetResult(message);
    }

    /// <summary>Fails every waiting request with <paramref name="reason"/> (the link ended).</summary>
    public void FailAll(Exception reason)
    {
        foreach ((string _, TaskCompletionSource<ProtocolMessage> waiting) in _waiting)
        {
            waiting.TrySetException(reason);
        }
    }
}
