namespace SysMedic.Core.Config;

/// <summary>The outcome of <c>config set</c>: what changed (values redacted), or why nothing did.</summary>
public sealed record ConfigSetResult(ConfigSetStatus Status, IReadOnlyList<string> Messages, string OldValue = "", string NewValue = "", bool Created = false);
