namespace SysMedic.Core.Alerts;

/// <summary>The words of an alert as sent: a subject line, a plain-text body and the same in HTML.</summary>
public sealed record AlertContent(string Title, string Text, string Html)
{
    /// <summary>No words: an alert read back from storage.</summary>
    public static AlertContent None { get; } = new("", "", "");
}
