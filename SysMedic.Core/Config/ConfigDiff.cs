namespace SysMedic.Core.Config;

/// <summary>Compares configurations key by key, for the reload log and for tests.</summary>
public static class ConfigDiff
{
    /// <summary>The text shown for a per-user value that is not set.</summary>
    public const string Absent = "(none)";

    /// <summary>Every key with its value as YAML text, in file order; per-user thresholds only where set.</summary>
    public static IEnumerable<(ConfigKey Key, string Value)> Values(SysMedicConfig config, bool redact)
    {
        foreach (var key in ConfigKeys.All)
        {
            yield return (key, key.Format(config, redact));
        }

        foreach (var (user, own) in config.UserThresholds.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            if (own.CpuThreshold is not null)
            {
                var key = ConfigKeys.ForUser(user, "cpu_threshold");
                yield return (key, key.Format(config, redact));
            }

            if (own.MemoryThreshold is not null)
            {
                var key = ConfigKeys.ForUser(user, "memory_threshold");
                yield return (key, key.Format(config, redact));
            }
        }
    }

    /// <summary>The keys whose values differ, secrets redacted (a changed secret shows as a change of <c>********</c>).</summary>
    public static IReadOnlyList<ConfigChange> Compare(SysMedicConfig before, SysMedicConfig after)
    {
        var old = Values(before, redact: false).ToDictionary(v => v.Key.Path, v => v, StringComparer.Ordinal);
        var now = Values(after, redact: false).ToDictionary(v => v.Key.Path, v => v, StringComparer.Ordinal);
        var changes = new List<ConfigChange>();
        foreach (string path in old.Keys.Concat(now.Keys.Where(k => !old.ContainsKey(k))))
        {
            old.TryGetValue(path, out var o);
            now.TryGetValue(path, out var n);
            if (o.Value != n.Value)
            {
                var key = (o.Key ?? n.Key)!;
                changes.Add(new ConfigChange(path, o.Key is null ? Absent : key.Format(before, redact: true), n.Key is null ? Absent : key.Format(after, redact: true)));
            }
        }

        return changes;
    }
}
