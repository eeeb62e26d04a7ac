namespace SysMedic.Bench.Usage;

/// <summary>What each method charged one loop's user over the run, in CPU seconds.</summary>
internal sealed class LoopFigures(string label, int uid)
{
    public string Label { get; } = label;

    public int Uid { get; } = uid;

    /// <summary>Sum of the user's processes seen alive at each sample (what SysMedic did before).</summary>
    public double Plain { get; set; }

    /// <summary>Reaping parents' cutime/cstime, less what was counted for children seen alive (no slices read).</summary>
    public double Reaped { get; set; }

    /// <summary>The sampler as it runs: the user's slice where there is one, else the reaped figure.</summary>
    public double Sampler { get; set; }

    /// <summary>The loop's own figure: its CPU and its waited-for children's, from its stat line at the end.</summary>
    public double Truth { get; set; }

    /// <summary>The slice's own cpu.stat at the end, when the loop ran in one.</summary>
    public double? SliceTotal { get; set; }
}
