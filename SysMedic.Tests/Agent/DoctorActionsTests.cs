using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Agent.Doctor;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;

namespace SysMedic.Tests.Agent;

/// <summary>The doctor's signal and renice requests: always with the rights of the client's uid, never its own.</summary>
[NonParallelizable]
public class DoctorActionsTests
{
    private const uint Alice = BusyLoop.TestUid;
    private const uint Bob = BusyLoop.TestUid + 1;
    private static readonly HelloMessage Hello = new(1, "doctor", "test", "0.1.0", "6.1", 2, 1, 2, []);

    [Test]
    public async Task A_client_may_not_signal_another_users_process_through_the_root_doctor()
    {
        RequireRoot();
        using var sleep = new SleepProcess(Alice);
        ProtocolMessage answer = await Handler().HandleAsync(new SignalRequest("1", sleep.Pid, "KILL"), new PeerCredentials(4000, Bob, Bob), CancellationToken.None);
        Assert.That(answer, Is.EqualTo(new ErrorMessage("1", ErrorMessage.NotPermitted, $"{sleep.Pid} (sleep): not permitted")));
        Assert.That(sleep.WaitForExit(TimeSpan.Zero), Is.False);
    }

    [Test]
    public async Task A_client_signals_its_own_process_through_the_doctor()
    {
        RequireRoot();
        using var sleep = new SleepProcess(Alice);
        ProtocolMessage answer = await Handler().HandleAsync(new SignalRequest("2", sleep.Pid, "term"), new PeerCredentials(4000, Alice, Alice), CancellationToken.None);
        Assert.That(answer, Is.EqualTo(new SignalResult("2", sleep.Pid, "TERM", "sleep")));
        Assert.That(sleep.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public async Task A_client_renices_its_own_process_and_a_gone_one_is_not_found()
    {
        RequireRoot();
        using var sleep = new SleepProcess(Alice);
        DoctorRequestHandler handler = Handler();
        ProtocolMessage answer = await handler.HandleAsync(new ReniceRequest("3", sleep.Pid, 4), new PeerCredentials(4000, Alice, Alice), CancellationToken.None);
        Assert.That(answer, Is.EqualTo(new ReniceResult("3", sleep.Pid, 4, "sleep")));
        Assert.That(sleep.Nice, Is.EqualTo(4));

        sleep.Dispose();
        answer = await handler.HandleAsync(new ReniceRequest("4", sleep.Pid, 6), new PeerCredentials(4000, Alice, Alice), CancellationToken.None);
        Assert.That(answer, Is.TypeOf<ErrorMessage>().With.Property(nameof(ErrorMessage.Code)).EqualTo(ErrorMessage.NotFound));
    }

    [Test]
    public async Task A_remote_consoles_action_is_forbidden_unless_the_configuration_allows_it()
    {
        using var sleep = new SleepProcess();
        var peer = new PeerCredentials(4000, 0, 0);
        ProtocolMessage refused = await Handler(allowActions: false).HandleAsync(new SignalRequest("5", sleep.Pid, "KILL", Remote: "192.0.2.7"), peer, CancellationToken.None);
        Assert.That(refused, Is.TypeOf<ErrorMessage>().With.Property(nameof(ErrorMessage.Code)).EqualTo(ErrorMessage.Forbidden));
        Assert.That(sleep.WaitForExit(TimeSpan.Zero), Is.False);

        ProtocolMessage done = await Handler(allowActions: true).HandleAsync(new SignalRequest("6", sleep.Pid, "KILL", Remote: "192.0.2.7"), peer, CancellationToken.None);
        Assert.That(done, Is.TypeOf<SignalResult>());
        Assert.That(sleep.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public async Task A_peer_the_doctor_cannot_identify_may_not_act()
    {
        using var sleep = new SleepProcess();
        ProtocolMessage answer = await Handler().HandleAsync(new SignalRequest("7", sleep.Pid, "KILL"), PeerCredentials.Unknown, CancellationToken.None);
        Assert.That(answer, Is.TypeOf<ErrorMessage>().With.Property(nameof(ErrorMessage.Code)).EqualTo(ErrorMessage.NotPermitted));
        Assert.That(sleep.WaitForExit(TimeSpan.Zero), Is.False);
    }

    private static DoctorRequestHandler Handler(bool allowActions = false)
    {
        var config = new SysMedicConfig { WebSocket = new WebSocketSection { AllowActions = allowActions } };
        return new DoctorRequestHandler(new DoctorState(config), () => null, Hello, NullLogger.Instance);
    }

    private static void RequireRoot()
    {
        if (!BusyLoop.CanChangeUser)
        {
            Assert.Ignore("acting as another uid needs root (setpriv)");
        }
    }
}
