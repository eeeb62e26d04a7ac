using System.Runtime.InteropServices;

namespace SysMedic.Bench.Doctor;

/// <summary>
/// Measures the doctor's own cost (CPU time and resident memory, from its /proc entry) at the machine's own
/// population and with extra sleeping processes, beside <c>top -b -d 2</c> over the same population in the same
/// run, and prints the figures as Markdown tables.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        DoctorBenchOptions options;
        try
        {
            options = DoctorBenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(DoctorBenchOptions.Usage);
            return 2;
        }

        // Doctors, top, users and sleeping processes the run starts or creates are undone on every way out: normal
        // end, exception, Ctrl+C, SIGTERM, SIGHUP.
        using var cleanup = new SysMedic.Bench.Sampler.Cleanup();
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => cleanup.Dispose());
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => cleanup.Dispose());
        using PosixSignalRegistration hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => cleanup.Dispose());
        try
        {
            return new DoctorBenchmark(options, cleanup).Run();
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        finally
        {
            cleanup.Dispose();
        }
    }
}
