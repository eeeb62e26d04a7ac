using System.Net;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Storage;

namespace SysMedic.Tests.Delivery;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 offering STARTTLS with a self-signed certificate and,
/// when a user is given, requiring AUTH (after STARTTLS) with that user's password.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _user;
    private readonly string? _password;
    private Task _running = Task.CompletedTask;

    private readonly bool _tls;

    private TestSmtpServer(int port, string? user, string? password, bool tls)
    {
        Port = port;
        _user = user;
        _password = password;
        _tls = tls;
    }

    public int Port { get; }

    public CollectingMessageStore Store { get; } = new();

    /// <summary>Stalls sessions at MAIL FROM while the test wants the server to hang.</summary>
    public StallingMailboxFilter Gate { get; } = new();

    public List<string> LoginAttempts { get; } = [];

    public IReadOnlyList<ReceivedMail> Received => [.. Store.Received];

    /// <summary>
    /// Starts listening on <paramref name="port"/> and returns once connections are accepted. Without
    /// <paramref name="tls"/> the server offers no STARTTLS and takes AUTH in clear text.
    /// </summary>
    public static async Task<TestSmtpServer> StartAsync(int port, string? user = null, string? password = null, bool tls = true)
    {
        var server = new TestSmtpServer(port, user, password, tls);
        await server.ListenAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        var endpoint = new EndpointDefinitionBuilder()
            .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
            .AllowUnsecureAuthentication(!_tls)
            .AuthenticationRequired(_user is not null);
        if (_tls)
        {
            endpoint.Certificate(TestCertificate.Create());
        }

        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint.Build()).Build();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => listening.TrySetResult();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(Store);
        services.Add((IMailboxFilter)Gate);
        services.Add(new DelegatingUserAuthenticator(CheckLogin));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        await Task.WhenAny(listening.Task, _running);
        if (_running.IsFaulted)
        {
            await _running;
        }
    }

    private bool CheckLogin(string name, string password)
    {
        lock (LoginAttempts)
        {
            LoginAttempts.Add(name);
        }

        return name == _user && password == _password;
    }
}
