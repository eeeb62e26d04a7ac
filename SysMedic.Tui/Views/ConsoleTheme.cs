using SysMedic.Core.Health;
using Terminal.Gui.Drawing;
using Color = Terminal.Gui.Drawing.Color;
using TgAttribute = Terminal.Gui.Drawing.Attribute;

namespace SysMedic.Tui.Views;

/// <summary>The console's colours: the base scheme, the charts and the three status colours.</summary>
public sealed record ConsoleTheme(
    string Name,
    Color Foreground,
    Color Background,
    Color SelectionForeground,
    Color SelectionBackground,
    Color Accent,
    Color Bar,
    Color Alarm)
{
    /// <summary>Light grey on black; the default.</summary>
    public static ConsoleTheme Dark { get; } = new("dark", Color.Gray, Color.Black, Color.Black, Color.BrightCyan, Color.BrightCyan, Color.BrightGreen, Color.BrightRed);

    /// <summary>Black on white, for light terminals.</summary>
    public static ConsoleTheme Light { get; } = new("light", Color.Black, Color.White, Color.White, Color.Blue, Color.Blue, Color.Green, Color.Red);

    /// <summary>The scheme views use: normal text, the selected row, hot keys.</summary>
    public Scheme ToScheme() => new(new TgAttribute(Foreground, Background))
    {
        Focus = new TgAttribute(SelectionForeground, SelectionBackground),
        HotNormal = new TgAttribute(Accent, Background),
        HotFocus = new TgAttribute(SelectionForeground, SelectionBackground),
        Active = new TgAttribute(SelectionForeground, SelectionBackground),
        HotActive = new TgAttribute(SelectionForeground, SelectionBackground),
        Editable = new TgAttribute(SelectionForeground, SelectionBackground),
    };

    /// <summary>The badge colours of a status: green, yellow, red.</summary>
    public static TgAttribute StatusAttribute(SystemStatus status) => status switch
    {
        SystemStatus.Heavy => new TgAttribute(Color.White, Color.Red),
        SystemStatus.Medium => new TgAttribute(Color.Black, Color.BrightYellow),
        _ => new TgAttribute(Color.Black, Color.BrightGreen),
    };
}
