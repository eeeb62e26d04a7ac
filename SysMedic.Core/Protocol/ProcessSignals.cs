using System.Globalization;

namespace SysMedic.Core.Protocol;

/// <summary>
/// The signals a console may send, by name as the protocol carries them, with their numbers on Linux (x86-64 and
/// arm64 alike), TERM first as the default. Data only: sending is the agent's.
/// </summary>
public static class ProcessSignals
{
    /// <summary>Name (without SIG) and number, in the order a menu offers them.</summary>
    public static IReadOnlyList<(string Name, int Number)> All { get; } =
    [
        ("TERM", 15),
        ("KILL", 9),
        ("HUP", 1),
        ("INT", 2),
        ("QUIT", 3),
        ("STOP", 19),
        ("CONT", 18),
        ("USR1", 10),
        ("USR2", 12),
    ];

    /// <summary>The default: ask the process to end.</summary>
    public const string Default = "TERM";

    /// <summary>The number of <paramref name="name"/> (<c>TERM</c>, <c>SIGTERM</c>, <c>15</c>, any case); null when it is not offered.</summary>
    public static int? Number(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        string n = name.Trim().ToUpperInvariant();
        if (n.StartsWith("SIG", StringComparison.Ordinal))
        {
            n = n[3..];
        }

        foreach ((string Name, int Number) s in All)
        {
            if (s.Name == n || s.Number.ToString(CultureInfo.InvariantCulture) == n)
            {
                return s.Number;
            }
        }

        return null;
    }

    /// <summary>The name of signal <paramref name="number"/> as <see cref="All"/> has it, or the number as text.</summary>
    public static string NameOf(int number)
    {
        foreach ((string Name, int Number) s in All)
        {
            if (s.Number == number)
            {
                return s.Name;
            }
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }
}
