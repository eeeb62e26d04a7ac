using System.Net;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Net;

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

    private TestSmtpServer(int port, string? user, string? password)
    {
        Port = port;
        _user = user;
        _password = password;
    }

    public int Port { get; }

    public CollectingMessageStore Store { get; } = new();

    public List<string> LoginAttempts { get; } = [];

    public IReadOnlyList<ReceivedMail> Received => [.. Store.Received];

    /// <summary>Starts listening on <paramref name="port"/> and returns once connections are accepted.</summary>
    public static async Task<TestSmtpServer> StartAsync(int port, string? user = null, string? password = null)
    {
        var server = new TestSmtpServer(port, user, password);
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
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e
                .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .Certificate(TestCertificate.Create())
                .AllowUnsecureAuthentication(false)
                .AuthenticationRequired(_user is not null))
            .Build();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => listening.TrySetResult();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(Store);
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
