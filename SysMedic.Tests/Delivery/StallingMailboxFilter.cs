using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace SysMedic.Tests.Delivery;

/// <summary>
/// Holds every session at MAIL FROM while the test keeps the gate closed, as a mail server that stops answering does;
/// counts the sessions held, so a test knows a delivery is stuck without timing it.
/// </summary>
internal sealed class StallingMailboxFilter : IMailboxFilter
{
    private TaskCompletionSource _gate = Opened();
    private int _held;

    /// <summary>Sessions waiting at the gate now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>From now on, every session waits at MAIL FROM until <see cref="Release"/>.</summary>
    public void Stall() => Interlocked.Exchange(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets the held sessions (and all later ones) go on.</summary>
    public void Release() => _gate.TrySetResult();

    public async Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _held);
        try
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }

        return true;
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) => Task.FromResult(true);

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
