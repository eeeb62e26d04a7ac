using System.Text.Json.Serialization;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Relay;

/// <summary>What <c>/status</c> answers (with the secret): the relay, its clients and the doctor behind it (with its storage).</summary>
public sealed record RelayStatus(
    string Role,
    int Pid,
    string Version,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    string Bind,
    int Port,
    bool Tls,
    int Clients,
    int MaxClients,
    int UpdateIntervalSeconds,
    bool DoctorUp,
    string? DoctorReason,
    string? Host,
    DateTimeOffset? LatestSnapshot,
    StorageInfo? Storage = null);

/// <summary>What <c>/health</c> answers, to anyone: up or down, and for down a short reason.</summary>
public sealed record RelayHealth(string Status, string? Reason);

/// <summary>Source-generated JSON of the relay's HTTP answers (snake_case, like the protocol).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RelayStatus))]
[JsonSerializable(typeof(RelayHealth))]
public sealed partial class RelayJsonContext : JsonSerializerContext;
