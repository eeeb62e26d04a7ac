namespace SysMedic.Core.Sampling;

/// <summary>Counters of a <see cref="ProcessScanner"/>'s life, for diagnostics and benchmarks.</summary>
public sealed class ScannerStatistics
{
    /// <summary>Processes seen for the first time (status and cmdline read).</summary>
    public long NewProcesses { get; internal set; }

    /// <summary>Processes that vanished or could not be read between listing and reading.</summary>
    public long Skipped { get; internal set; }
}
