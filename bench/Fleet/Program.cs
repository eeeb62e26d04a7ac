using System.Globalization;
using System.Runtime.InteropServices;
using SysMedic.Bench.Fleet;

// A stand-in for a fleet of relays on 127.0.0.1, for bench/Fleet/run.sh: host i on --base-port + i. SIGUSR1 cuts
// the network (every port stops listening and resets its connections), SIGUSR2 heals it; SIGTERM or SIGINT ends it.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
FleetOptions options;
try
{
    options = FleetOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: SysMedic.Bench.Fleet [--hosts 100] [--base-port 28000] [--secret S] [--interval 2] [--heavy 5] [--processes 100] [--seed 1]");
    return 2;
}

using var stopping = new CancellationTokenSource();
var fleet = new FleetSimulator(options);

// Raw signal numbers (x86-64 and arm64 Linux): PosixSignal names only the portable ones.
const int SigUsr1 = 10;
const int SigUsr2 = 12;
using var cut = PosixSignalRegistration.Create((PosixSignal)SigUsr1, context =>
{
    context.Cancel = true;
    fleet.Cut();
});
using var heal = PosixSignalRegistration.Create((PosixSignal)SigUsr2, context =>
{
    context.Cancel = true;
    fleet.Heal(stopping.Token);
});
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

try
{
    fleet.Start(stopping.Token);
}
catch (System.Net.Sockets.SocketException ex)
{
    Console.Error.WriteLine($"cannot listen on 127.0.0.1:{options.BasePort}..{options.BasePort + options.Hosts - 1}: {ex.Message}");
    return 1;
}

(int snapshotBytes, int summaryBytes) = fleet.MessageBytes();
int heavy = fleet.Ports.Count(p => p.Host.Heavy);
EventLog.Write($"ready hosts={options.Hosts} ports={options.BasePort}-{options.BasePort + options.Hosts - 1} interval={options.IntervalSeconds} heavy={heavy} snapshot_bytes={snapshotBytes} summary_bytes={summaryBytes} pid={Environment.ProcessId}");
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    EventLog.Write("stopped");
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
