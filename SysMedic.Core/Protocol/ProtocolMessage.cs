using System.Text.Json.Serialization;

namespace SysMedic.Core.Protocol;

/// <summary>
/// One message of the SysMedic protocol (docs/protocol.md): JSON with a <c>type</c> field, the same over the
/// doctor's Unix socket (one message per line) and the relay's WebSocket (one message per text frame). Unknown
/// fields are ignored, so either side may add fields within a protocol version.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HelloMessage), "hello")]
[JsonDerivedType(typeof(SnapshotMessage), "snapshot")]
[JsonDerivedType(typeof(AlertMessage), "alert")]
[JsonDerivedType(typeof(ErrorMessage), "error")]
[JsonDerivedType(typeof(DoctorUnavailableMessage), "doctor_unavailable")]
[JsonDerivedType(typeof(SummaryMessage), "summary")]
[JsonDerivedType(typeof(HistoryRequest), "history")]
[JsonDerivedType(typeof(AlertsRequest), "alerts")]
[JsonDerivedType(typeof(ResolveAlertRequest), "resolve_alert")]
[JsonDerivedType(typeof(UserDetailRequest), "user_detail")]
[JsonDerivedType(typeof(ConfigRequest), "config")]
[JsonDerivedType(typeof(WatchRequest), "watch")]
[JsonDerivedType(typeof(MomentRequest), "moment")]
[JsonDerivedType(typeof(SignalRequest), "signal")]
[JsonDerivedType(typeof(ReniceRequest), "renice")]
[JsonDerivedType(typeof(SubscribeRequest), "subscribe")]
[JsonDerivedType(typeof(HistoryResult), "history_result")]
[JsonDerivedType(typeof(AlertsResult), "alerts_result")]
[JsonDerivedType(typeof(ResolveAlertResult), "resolve_alert_result")]
[JsonDerivedType(typeof(UserDetailResult), "user_detail_result")]
[JsonDerivedType(typeof(ConfigResult), "config_result")]
[JsonDerivedType(typeof(WatchResult), "watch_result")]
[JsonDerivedType(typeof(MomentResult), "moment_result")]
[JsonDerivedType(typeof(SignalResult), "signal_result")]
[JsonDerivedType(typeof(ReniceResult), "renice_result")]
[JsonDerivedType(typeof(SubscribeResult), "subscribe_result")]
public abstract record ProtocolMessage
{
    /// <summary>The version of the protocol this code speaks; sent in <see cref="HelloMessage"/>.</summary>
    public const int Version = 1;

    /// <summary>Largest message accepted, in bytes of UTF-8; a larger one is refused.</summary>
    public const int MaxRequestBytes = 64 * 1024;
}

/// <summary>A client request: carries an id that its one response repeats.</summary>
public abstract record RequestMessage(string Id) : ProtocolMessage;

/// <summary>A response to the request with the same <see cref="Id"/>.</summary>
public abstract record ResultMessage(string Id) : ProtocolMessage;
