using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Protocol;

/// <summary>What serves the protocol's requests: the doctor itself, or the relay forwarding to it.</summary>
public interface IProtocolHandler
{
    /// <summary>The hello sent to every new client.</summary>
    HelloMessage Hello();

    /// <summary>The latest snapshot message to send a new client at once, if any.</summary>
    string? LatestSnapshotJson();

    /// <summary>Answers one request: its result, or an <see cref="ErrorMessage"/> with the same id.</summary>
    ValueTask<ProtocolMessage> HandleAsync(RequestMessage request, PeerCredentials peer, CancellationToken cancel);
}
