using SysMedic.Core.Sampling;

namespace SysMedic.Tui.State;

/// <summary>
/// Processes under their parents, as <c>ps --forest</c> and htop's tree show them: each process after its parent,
/// siblings in the table's sort order, with the tree's glyphs to put before the command. A folded process hides its
/// descendants. A process whose parent is not shown (filtered out, or pid 1's parent 0) is a root.
/// </summary>
public sealed class ProcessTree
{
    private readonly HashSet<int> _folded = [];
    private Dictionary<int, string> _prefix = [];
    private HashSet<int> _parents = [];

    /// <summary>Whether <paramref name="pid"/>'s descendants are hidden.</summary>
    public bool IsFolded(int pid) => _folded.Contains(pid);

    /// <summary>Hides <paramref name="pid"/>'s descendants; false when it has none shown.</summary>
    public bool Fold(int pid) => _parents.Contains(pid) && _folded.Add(pid);

    /// <summary>Shows <paramref name="pid"/>'s descendants again.</summary>
    public bool Unfold(int pid) => _folded.Remove(pid);

    /// <summary>The glyphs before <paramref name="pid"/>'s command after the last <see cref="Arrange"/> ("" for a root).</summary>
    public string Prefix(int pid) => _prefix.GetValueOrDefault(pid, "");

    /// <summary>
    /// Orders <paramref name="sorted"/> (already in the table's order) as a tree: every root in that order, each
    /// followed by its children, recursively, siblings keeping that order.
    /// </summary>
    public List<ProcessUsage> Arrange(IReadOnlyList<ProcessUsage> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var shown = new HashSet<int>(sorted.Select(p => p.Pid));
        var children = new Dictionary<int, List<ProcessUsage>>();
        var roots = new List<ProcessUsage>();
        foreach (ProcessUsage p in sorted)
        {
            if (p.Ppid != p.Pid && shown.Contains(p.Ppid))
            {
                if (!children.TryGetValue(p.Ppid, out List<ProcessUsage>? list))
                {
                    children[p.Ppid] = list = [];
                }

                list.Add(p);
            }
            else
            {
                roots.Add(p);
            }
        }

        var ordered = new List<ProcessUsage>(sorted.Count);
        var prefix = new Dictionary<int, string>(sorted.Count);
        var visited = new HashSet<int>();
        foreach (ProcessUsage root in roots)
        {
            Walk(root, "", isRoot: true, last: true, children, ordered, prefix, visited);
        }

        _parents = [.. children.Keys];
        _folded.IntersectWith(shown);
        _prefix = prefix;
        return ordered;
    }

    private void Walk(ProcessUsage p, string indent, bool isRoot, bool last, Dictionary<int, List<ProcessUsage>> children, List<ProcessUsage> ordered, Dictionary<int, string> prefix, HashSet<int> visited)
    {
        // A pid loop cannot happen in a real table, but a snapshot is read over time: never walk one twice.
        if (!visited.Add(p.Pid))
        {
            return;
        }

        bool hasChildren = children.ContainsKey(p.Pid);
        bool folded = hasChildren && _folded.Contains(p.Pid);
        string mark = folded ? "+" : "─";
        prefix[p.Pid] = isRoot ? (folded ? "+ " : "") : indent + (last ? "└" : "├") + mark + " ";
        ordered.Add(p);
        if (!hasChildren || folded)
        {
            return;
        }

        List<ProcessUsage> kids = children[p.Pid];
        string next = isRoot ? "" : indent + (last ? "  " : "│ ");
        for (int i = 0; i < kids.Count; i++)
        {
            Walk(kids[i], next, isRoot: false, last: i == kids.Count - 1, children, ordered, prefix, visited);
        }
    }

    /// <summary>The pids of <paramref name="pid"/> and all its descendants in <paramref name="processes"/>.</summary>
    public static IReadOnlyList<int> WithDescendants(int pid, IReadOnlyList<ProcessUsage> processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ILookup<int, int> byParent = processes.Where(p => p.Pid != p.Ppid).ToLookup(p => p.Ppid, p => p.Pid);
        var found = new List<int> { pid };
        var seen = new HashSet<int> { pid };
        for (int i = 0; i < found.Count; i++)
        {
            foreach (int child in byParent[found[i]])
            {
                if (seen.Add(child))
                {
                    found.Add(child);
                }
            }
        }

        return found;
    }
}
