using System.Globalization;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.State;

/// <summary>How a fleet host's relay is reached now.</summary>
public enum FleetLink
{
    /// <summary>First attempt under way.</summary>
    Connecting,

    /// <summary>Summaries arrive.</summary>
    Connected,

    /// <summary>It was connected; the link dropped and is being tried again.</summary>
    Reconnecting,

    /// <summary>Never reached since the console started; tried again every few seconds.</summary>
    Unreachable,

    /// <summary>The relay answered but its doctor does not; the relay says when it is back.</summary>
    DoctorDown,

    /// <summary>The relay refused the secret: not tried again.</summary>
    Refused,

    /// <summary>The secret could not be read (a secret file missing or unreadable): not tried.</summary>
    NoSecret,
}

/// <summary>One host of the fleet view: its name, how its relay is reached, and its newest summary.</summary>
public sealed record FleetRow(string Name, string Address, FleetLink Link, DateTimeOffset LinkSince, string? Problem, SummaryMessage? Summary, DateTimeOffset? UpdatedAt)
{
    /// <summary>Whether the figures are live (the relay and its doctor answer).</summary>
    public bool Live => Link == FleetLink.Connected;

    /// <summary>
    /// Worst first: hosts that cannot be seen, then Heavy, Medium and Light hosts; within each, more unresolved alerts,
    /// then more CPU. Higher is worse.
    /// </summary>
    public double Badness
    {
        get
        {
            double rank = Link switch
            {
                FleetLink.Refused or FleetLink.NoSecret or FleetLink.Unreachable or FleetLink.Reconnecting or FleetLink.DoctorDown => 4,
                FleetLink.Connecting => 0,
                _ => Summary?.Status switch
                {
                    SystemStatus.Heavy => 3,
                    SystemStatus.Medium => 2,
                    _ => 1,
                },
            };
            int alerts = Math.Min(Summary?.UnresolvedAlerts ?? 0, 999);
            double cpu = Math.Clamp(Summary?.CpuPercent ?? 0, 0, 100);
            return (rank * 1000 + alerts) * 1000 + cpu;
        }
    }

    /// <summary>"connected", "reconnecting since 12:03:04", "unreachable", "refused", "doctor down", "no secret".</summary>
    public string LinkText => Link switch
    {
        FleetLink.Connected => "connected",
        FleetLink.Reconnecting => "reconnecting since " + LinkSince.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        FleetLink.Unreachable => "unreachable",
        FleetLink.DoctorDown => "doctor down",
        FleetLink.Refused => "refused",
        FleetLink.NoSecret => "no secret",
        _ => "connecting",
    };
}
