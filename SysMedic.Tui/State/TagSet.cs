namespace SysMedic.Tui.State;

/// <summary>
/// Rows the user tagged (Space), by their key (a pid, an alert id), so one action reaches them all. Tags of rows that
/// went away are dropped with <see cref="KeepOnly"/>.
/// </summary>
public sealed class TagSet
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>How many rows are tagged.</summary>
    public int Count => _keys.Count;

    /// <summary>The tagged keys.</summary>
    public IReadOnlyCollection<string> Keys => _keys;

    /// <summary>Whether <paramref name="key"/> is tagged.</summary>
    public bool Contains(string key) => _keys.Contains(key);

    /// <summary>Tags <paramref name="key"/>, or untags it when it was; returns whether it is tagged now.</summary>
    public bool Toggle(string key)
    {
        if (_keys.Remove(key))
        {
            return false;
        }

        _keys.Add(key);
        return true;
    }

    /// <summary>Tags every key of <paramref name="keys"/>.</summary>
    public void Add(IEnumerable<string> keys) => _keys.UnionWith(keys);

    /// <summary>Untags everything.</summary>
    public void Clear() => _keys.Clear();

    /// <summary>Drops the tags of keys not in <paramref name="present"/> (processes that ended, alerts gone).</summary>
    public void KeepOnly(IEnumerable<string> present) => _keys.IntersectWith(present);
}
