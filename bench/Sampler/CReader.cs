using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Bench.Sampler;

/// <summary>Runs one of the compiled C reference readers for a number of passes and collects its timings.</summary>
internal sealed class CReader(string executable)
{
    /// <summary>Runs the reader (one untimed pass, then <paramref name="passes"/> timed ones) and logs the timed ones.</summary>
    public void Run(int passes, PassLog log)
    {
        var psi = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(passes.ToString(CultureInfo.InvariantCulture));
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"{executable}: could not start");
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable}: exit {p.ExitCode}");
        }

        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ');
            if (f[0] == "rusage")
            {
                log.UserMicros += Number(f[1]);
                log.KernelMicros += Number(f[2]);
                continue;
            }

            log.Add(Number(f[0]), Number(f[1]), 0, Number(f[2]));
        }
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
