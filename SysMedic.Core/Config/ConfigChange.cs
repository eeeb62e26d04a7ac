namespace SysMedic.Core.Config;

/// <summary>One key whose value differs between two configurations, as YAML text (secrets redacted; absent: <c>(none)</c>).</summary>
public sealed record ConfigChange(string KeyPath, string OldValue, string NewValue)
{
    public override string ToString() => $"{KeyPath}: {OldValue} -> {NewValue}";
}
