using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SysMedic.Tests.Delivery;

/// <summary>Keeps every message the test SMTP server accepts.</summary>
internal sealed class CollectingMessageStore : MessageStore
{
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
        string? user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
        Received.Enqueue(new ReceivedMail(message, recipients, context.Pipe.IsSecure, user));
        return SmtpResponse.Ok;
    }
}
