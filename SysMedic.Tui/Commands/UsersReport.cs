using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Commands;

/// <summary>What <c>sysmedic users --json</c> prints: usage now (after the filtering rules) and open episodes.</summary>
public sealed record UsersReport(DateTimeOffset Timestamp, IReadOnlyList<UserUsage> Users, IReadOnlyList<PersistentUserInfo> Episodes);
