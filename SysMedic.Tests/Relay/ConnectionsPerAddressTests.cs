using System.Net;
using SysMedic.Agent.Relay;
using SysMedic.Tests.Config;

namespace SysMedic.Tests.Relay;

public class ConnectionsPerAddressTests
{
    private static readonly IPAddress Alice = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Bob = IPAddress.Parse("192.0.2.2");

    [Test]
    public void An_address_at_its_limit_is_refused_while_another_still_gets_in()
    {
        var log = new ListLogger();
        var limit = new ConnectionsPerAddress(() => 2, log);
        Assert.That(limit.TryEnter(Alice) && limit.TryEnter(Alice), Is.True);
        Assert.That(limit.TryEnter(Alice), Is.False);
        Assert.That(limit.TryEnter(Bob), Is.True);
        limit.Leave(Alice);
        Assert.That(limit.TryEnter(Alice), Is.True, "a place frees when a connection closes");
        Assert.That(limit.Count(Alice), Is.EqualTo(2));
    }

    [Test]
    public void An_ipv4_client_seen_through_a_dual_stack_socket_is_the_same_address()
    {
        var limit = new ConnectionsPerAddress(() => 1, new ListLogger());
        Assert.That(limit.TryEnter(Alice), Is.True);
        Assert.That(limit.TryEnter(Alice.MapToIPv6()), Is.False);
    }

    [Test]
    public void A_run_of_refusals_is_logged_once()
    {
        var log = new ListLogger();
        var limit = new ConnectionsPerAddress(() => 1, log);
        limit.TryEnter(Alice);
        for (int i = 0; i < 50; i++)
        {
            limit.TryEnter(Alice);
        }

        Assert.That(log.Lines, Is.EqualTo(new[] { "Warning: 192.0.2.1: 1 connections at once already (websocket.max_connections_per_address); more are closed at once" }));
        limit.Leave(Alice);
        limit.TryEnter(Alice);
        limit.TryEnter(Alice);
        Assert.That(log.Lines, Has.Count.EqualTo(2), "a new run after a connection got in is logged again");
    }

    [Test]
    public void A_new_limit_applies_to_the_next_connection()
    {
        int max = 1;
        var limit = new ConnectionsPerAddress(() => max, new ListLogger());
        limit.TryEnter(Alice);
        Assert.That(limit.TryEnter(Alice), Is.False);
        max = 3;
        Assert.That(limit.TryEnter(Alice), Is.True);
    }
}
