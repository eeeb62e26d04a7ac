using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;
using static SysMedic.Tests.Sampling.SnapshotFactory;

namespace SysMedic.Tests.Protocol;

/// <summary>One example of every protocol message, as the fixtures under Fixtures/protocol/v1 hold them.</summary>
internal static class ProtocolSamples
{
    private static readonly AlertInfo Alert = new(
        42, T0, SysMedic.Core.Alerts.AlertType.User, SysMedic.Core.Alerts.AlertSeverity.Medium, "alice uses 55.0% CPU (threshold 50%)", 61.5, 40.25, 3, "alice", "alice: CPU 55.0%", null, null, null, "user:alice:cpu");

    private static readonly PersistentUserInfo Episode = new("alice", "cpu", T0, null, 88.5, 63.25, 61, true);

    private static readonly UserThresholdInfo AliceThreshold = new(90, 50, true);

    private static readonly PressureUsage MemoryPressure = new(1.5, 0.75, 0.25, 2, 120.5, 0.5, 0.25, 0, 0.5, 30.25);

    private static readonly ProcessUsage Train = Process(4242, 1000, "alice", 55, 12.5, "train.py") with
    {
        DiskReadBytesPerSec = 4096,
        DiskWriteBytesPerSec = 1024,
        Cgroup = "/user.slice/user-1000.slice/session-3.scope",
    };

    private static Snapshot SampleSnapshot()
    {
        Snapshot s = Make(T0, 61.5, 40.25, Train);
        UserUsage alice = s.Users[0] with
        {
            CpuSeconds = 4.5,
            ExitedCpuSeconds = 0.25,
            CpuFromSlice = true,
            DiskReadBytesPerSec = 4096,
            DiskWriteBytesPerSec = 1024,
            NewProcesses = 2,
            Pressure = new ResourcePressure(null, MemoryPressure, null),
        };
        return s with
        {
            System = s.System with { ProcessesStarted = 17, Pressure = new ResourcePressure(MemoryPressure with { FullAvg10 = 0, FullPercent = 0 }, MemoryPressure, MemoryPressure) },
            Users = [alice],
            Interfaces = [new InterfaceUsage("lo", 10, 10, true), new InterfaceUsage("eth0", 1500.5, 200, false) { RxBytes = 7_340_032_000, TxBytes = 91_226_112 }],
            Totals = new UsageTotals(T0.AddHours(-1), [new UserTotal("root", 0, 12.75, 1_048_576, 4_194_304), new UserTotal("alice", 1000, 1800.5, 0, 65_536)]),
        };
    }

    public static IReadOnlyDictionary<string, ProtocolMessage> All => new Dictionary<string, ProtocolMessage>
    {
        ["hello"] = new HelloMessage(1, "doctor", "web01", "0.1.0", "6.1.0-13-amd64", 4, 16_000_000_000, 2, ["history", "alerts", "resolve_alert", "user_detail", "config"]),
        ["snapshot"] = new SnapshotMessage(
            SampleSnapshot(),
            [Episode],
            3,
            new ThresholdsInfo(80, 80, 50, 50, new Dictionary<string, UserThresholdInfo> { ["alice"] = AliceThreshold })),
        ["alert"] = new AlertMessage(AlertMessage.Raised, Alert),
        ["error"] = new ErrorMessage("7", ErrorMessage.NotFound, "no alert 99"),
        ["doctor_unavailable"] = new DoctorUnavailableMessage("connection refused: /run/sysmedic/doctor.sock"),
        ["history"] = new HistoryRequest("1", HistoryRequest.UserScope, "alice", 86_400, 240),
        ["alerts"] = new AlertsRequest("2", true, 100),
        ["resolve_alert"] = new ResolveAlertRequest("3", 42, "asked alice to renice", "ops"),
        ["user_detail"] = new UserDetailRequest("4", "alice"),
        ["config"] = new ConfigRequest("5"),
        ["watch"] = new WatchRequest("6", Live: false),
        ["moment"] = new MomentRequest("8", T0.AddHours(-5)),
        ["signal"] = new SignalRequest("9", 4242, "TERM"),
        ["renice"] = new ReniceRequest("10", 4242, 5, Remote: "192.0.2.7"),
        ["history_result"] = new HistoryResult("1", "user", "alice", [new HistoryPoint(T0, 55, 70.5, 12.5, 13)]),
        ["alerts_result"] = new AlertsResult("2", [Alert]),
        ["resolve_alert_result"] = new ResolveAlertResult("3", Alert with { ResolvedAt = T0.AddMinutes(5), ResolvedBy = "ops", ResolutionNote = "asked alice to renice" }),
        ["user_detail_result"] = new UserDetailResult("4", "alice", 1000, [Train], AliceThreshold, [Episode]),
        ["watch_result"] = new WatchResult("6", Live: false),
        ["subscribe"] = new SubscribeRequest("11", SubscribeRequest.Summaries),
        ["subscribe_result"] = new SubscribeResult("11", SubscribeRequest.Summaries),
        ["summary"] = new SummaryMessage(T0, "web01", SysMedic.Core.Health.SystemStatus.Heavy, 61.5, 40.25, 2.5, 4, 3, "alice", 55, ["alice"], 3)
        {
            SentAt = T0.AddMilliseconds(250),
            Storage = new StorageInfo(false, T0.AddHours(-1), "disk full", 2),
        },
        ["signal_result"] = new SignalResult("9", 4242, "TERM", "train.py"),
        ["renice_result"] = new ReniceResult("10", 4242, 5, "train.py"),
        ["moment_result"] = new MomentResult("8", T0.AddHours(-5), T0.AddHours(-5).AddSeconds(-20), 60, 212, Make(T0.AddHours(-5).AddSeconds(-20), 97.5, 40.25, Process(4242, 1000, "alice", 48.5, 12.5, "train.py")) with { Interval = TimeSpan.FromSeconds(60) }),
        ["config_result"] = new ConfigResult("5", new Dictionary<string, string> { ["monitoring.cpu_threshold"] = "80", ["websocket.secret"] = "********" }),
    };
}
