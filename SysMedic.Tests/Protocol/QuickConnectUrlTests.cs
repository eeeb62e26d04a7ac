using SysMedic.Core.Protocol;

namespace SysMedic.Tests.Protocol;

public sealed class QuickConnectUrlTests
{
    [Test]
    public void ParsesSecretHostAndPort()
    {
        Assert.That(QuickConnectUrl.TryParse("sysmedic://Ab-_9x@192.0.2.7:9000/", out var url, out var error), Is.True, error);
        Assert.That(url, Is.EqualTo(new QuickConnectUrl("Ab-_9x", "192.0.2.7", 9000, Tls: false)));
        Assert.That(url!.WebSocketUri.ToString(), Is.EqualTo("ws://192.0.2.7:9000/ws"));
    }

    [Test]
    public void DefaultsThePortAndReadsTlsScheme()
    {
        Assert.That(QuickConnectUrl.TryParse("sysmedics://s3cret@host.example", out var url, out _), Is.True);
        Assert.That(url, Is.EqualTo(new QuickConnectUrl("s3cret", "host.example", 8060, Tls: true)));
        Assert.That(url!.WebSocketUri.ToString(), Is.EqualTo("wss://host.example:8060/ws"));
    }

    [Test]
    public void Ipv6HostRoundTrips()
    {
        var url = new QuickConnectUrl("tok", "::1", 8060, Tls: false);
        Assert.That(url.ToString(), Is.EqualTo("sysmedic://tok@[::1]:8060/"));
        Assert.That(QuickConnectUrl.TryParse(url.ToString(), out var back, out _), Is.True);
        Assert.That(back, Is.EqualTo(url));
        Assert.That(back!.WebSocketUri.ToString(), Is.EqualTo("ws://[::1]:8060/ws"));
    }

    [TestCase("http://tok@host:1/", "unknown scheme 'http'")]
    [TestCase("sysmedic://host:8060/", "no secret")]
    [TestCase("sysmedic://a:b@host:8060/", "must not contain ':'")]
    [TestCase("sysmedic://tok@host:8060/ws", "no path, query or fragment")]
    [TestCase("sysmedic://tok@host:8060/?token=x", "no path, query or fragment")]
    [TestCase("not a url", "is not a URL")]
    public void RefusesWithAReason(string text, string reason)
    {
        Assert.That(QuickConnectUrl.TryParse(text, out var url, out var error), Is.False);
        Assert.That(url, Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void AnAddressWithoutASecretIsReadByTryParseAddressAndPrintedWithout()
    {
        Assert.That(QuickConnectUrl.TryParseAddress("sysmedics://[::1]:9443/", out var url, out var error), Is.True, error);
        Assert.That(url, Is.EqualTo(new QuickConnectUrl("", "::1", 9443, Tls: true)));
        Assert.That(new QuickConnectUrl("s3cret", "::1", 9443, Tls: true).ToAddressString(), Is.EqualTo("sysmedics://[::1]:9443/"));
        Assert.That(QuickConnectUrl.TryParse("sysmedics://[::1]:9443/", out _, out _), Is.False, "a full Quick Connect URL still needs its secret");
    }

    [Test]
    public void RedactedFormHidesTheSecret()
    {
        var url = new QuickConnectUrl("topsecret", "10.0.0.1", 8060, Tls: false);
        Assert.That(url.ToRedactedString(), Is.EqualTo("sysmedic://****@10.0.0.1:8060/"));
        Assert.That(QuickConnectUrl.TryParse("http://topsecret@h/x y", out _, out var error), Is.False);
        Assert.That(error, Does.Not.Contain("topsecret"));
    }
}
