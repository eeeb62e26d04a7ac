namespace SysMedic.Tui.Commands;

/// <summary>
/// One host of <c>sysmedic hosts list --json</c>: where it is and where its secret comes from, never the secret.
/// <see cref="SecretSource"/> is <c>inline</c> or <c>file</c>; <see cref="SecretError"/> says why a secret file
/// cannot be read now (null when it can, or for an inline secret); <see cref="LastUsed"/> is null for a host never
/// connected to.
/// </summary>
public sealed record HostInfo(
    string Name,
    bool Named,
    string Host,
    int Port,
    bool Tls,
    string SecretSource,
    string? SecretFile,
    string? SecretError,
    DateTimeOffset? LastUsed);
