using System.Net;
using Microsoft.Extensions.Logging;

namespace SysMedic.Agent.Relay;

/// <summary>
/// Counts the relay's open connections per client address and refuses one more from an address that holds
/// <c>websocket.max_connections_per_address</c> already, so one address, however many idle or slow connections it
/// opens, cannot take the places every other client needs. The limit is read at each connection, so a reload applies
/// at once. A refusal is logged once per run of refusals from an address, not for every connection.
/// </summary>
public sealed class ConnectionsPerAddress(Func<int> limit, ILogger logger)
{
    private readonly Dictionary<IPAddress, Entry> _open = [];
    private readonly Lock _gate = new();

    /// <summary>Connections open now from <paramref name="address"/>.</summary>
    public int Count(IPAddress address)
    {
        lock (_gate)
        {
            return _open.TryGetValue(Normalize(address), out Entry entry) ? entry.Count : 0;
        }
    }

    /// <summary>Takes a place for a connection from <paramref name="address"/>; false when it holds its limit already.</summary>
    public bool TryEnter(IPAddress address)
    {
        address = Normalize(address);
        int max = limit();
        bool log;
        lock (_gate)
        {
            Entry entry = _open.GetValueOrDefault(address);
            if (entry.Count < max)
            {
                _open[address] = entry with { Count = entry.Count + 1, Logged = false };
                return true;
            }

            log = !entry.Logged;
            _open[address] = entry with { Logged = true };
        }

        if (log)
        {
            logger.LogWarning("{Remote}: {Max} connections at once already (websocket.max_connections_per_address); more are closed at once", address, max);
        }

        return false;
    }

    /// <summary>Gives back the place of a connection from <paramref name="address"/> that closed.</summary>
    public void Leave(IPAddress address)
    {
        address = Normalize(address);
        lock (_gate)
        {
            if (!_open.TryGetValue(address, out Entry entry))
            {
                return;
            }

            if (entry.Count <= 1)
            {
                _open.Remove(address);
            }
            else
            {
                _open[address] = entry with { Count = entry.Count - 1 };
            }
        }
    }

    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d: one address either way.
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private readonly record struct Entry(int Count, bool Logged);
}
