using System.Diagnostics;

namespace SysMedic.Bench.Sampler;

/// <summary>
/// The run: compile the C tools, then for each population (the machine's own, then each extra count of sleeping
/// processes) warm up and measure the two C readers and the sampler in rounds, rotating their order so that a
/// burst of load on this shared machine does not fall on one of them only.
/// </summary>
internal sealed class SamplerBenchmark(BenchOptions options, Cleanup cleanup)
{
    private const int WarmupPasses = 60;
    private const int PartPasses = 10;

    public int Run()
    {
        Console.Error.WriteLine("compiling the C readers and the spawner with gcc -O2");
        NativeTools tools = cleanup.Add(NativeTools.Compile());
        bool root = Environment.IsPrivilegedProcess;
        IReadOnlyList<string> ids = [];
        if (root && options.Extra.Any(n => n > 0))
        {
            BenchUsers users = BenchUsers.Create(options.Users, cleanup);
            ids = users.Ids;
            Console.Error.WriteLine($"extra processes run as {string.Join(", ", users.Names)}");
        }
        else if (!root)
        {
            Console.Error.WriteLine("not root: the extra processes run as the current user, no users are created");
        }

        SamplerRun sampler = cleanup.Add(new SamplerRun());
        var statStatus = new CReader(tools.StatStatus);
        var statFstat = new CReader(tools.StatFstat);

        // Until the JIT has compiled the hot paths fully (tiered compilation), the first passes say nothing.
        sampler.Run(WarmupPasses, new PassLog());
        Thread.Sleep(500);

        string loadBefore = ResultTable.LoadAverage();
        var results = new List<PopulationResult>();
        foreach (int extra in new[] { 0 }.Concat(options.Extra))
        {
            var result = new PopulationResult(extra);
            Sleepers? sleepers = null;
            if (extra > 0)
            {
                Console.Error.WriteLine($"starting {extra:N0} sleeping processes");
                var watch = Stopwatch.StartNew();
                sleepers = cleanup.Add(Sleepers.Start(tools.SpawnSleepers, extra, ids));
                Console.Error.WriteLine($"  started in {watch.Elapsed.TotalSeconds:F1} s");
                sampler.Run(1, result.FirstPass);
            }

            Measure(result, sampler, statStatus, statFstat);
            if (sleepers is not null)
            {
                Console.Error.WriteLine($"ending the {extra:N0} sleeping processes");
                cleanup.Release(sleepers);
            }

            results.Add(result);
        }

        // The verdicts are printed, not turned into an exit code: a timing on a shared machine is a figure to read.
        ResultTable.Print(Console.Out, results, options, loadBefore);
        return 0;
    }

    private void Measure(PopulationResult result, SamplerRun sampler, CReader statStatus, CReader statFstat)
    {
        Console.Error.WriteLine($"measuring at {result.Label}: {options.Rounds} rounds of {options.Passes} passes");
        sampler.Run(2, new PassLog());
        var readers = new Action[]
        {
            () => statStatus.Run(options.Passes, result.StatStatus),
            () => statFstat.Run(options.Passes, result.StatFstat),
            () => sampler.Run(options.Passes, result.Sampler),
        };
        long ioReads = sampler.IoReads;
        for (int round = 0; round < options.Rounds; round++)
        {
            for (int i = 0; i < readers.Length; i++)
            {
                readers[(round + i) % readers.Length]();
            }
        }

        result.IoReadsPerPass = (double)(sampler.IoReads - ioReads) / (options.Rounds * options.Passes);

        (result.SystemFiles, result.Scan, result.Build) = sampler.Parts(PartPasses);
    }
}
