using System.Text.Json.Serialization;

namespace SysMedic.Core.Alerts;

/// <summary>What an alert is about; on the wire and in the database by the names <see cref="AlertText.ToKey(AlertType)"/> gives.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertType>))]
public enum AlertType
{
    /// <summary>System CPU or memory over (or approaching) its threshold.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>A user over their own threshold for a check.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>A user over their threshold for the persistent time.</summary>
    [JsonStringEnumMemberName("persistent_user")]
    PersistentUser,

    /// <summary>A condition that alerted has cleared.</summary>
    [JsonStringEnumMemberName("recovery")]
    Recovery,
}
