using System.Runtime.InteropServices;

namespace SysMedic.Bench.Sampler;

/// <summary>
/// Measures one sampling pass over the live /proc beside two C reference readers, at the machine's own population
/// and with extra sleeping processes, and prints the figures as Markdown tables.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        // Users and processes the run creates are removed on every way out: normal end, exception, Ctrl+C, SIGTERM,
        // SIGHUP. A signal's default action (the end of the process) follows the cleanup: without a registration
        // .NET ends on SIGTERM without raising ProcessExit.
        using var cleanup = new Cleanup();
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => cleanup.Dispose());
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => cleanup.Dispose());
        using PosixSignalRegistration hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => cleanup.Dispose());
        try
        {
            return new SamplerBenchmark(options, cleanup).Run();
        }
        finally
        {
            cleanup.Dispose();
        }
    }
}
