namespace SysMedic.Core.Storage;

/// <summary>Timestamps are stored as INTEGER Unix seconds (UTC); these convert at the edge.</summary>
internal static class UnixTime
{
    public static long ToSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static DateTimeOffset FromSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    public static DateTimeOffset? FromNullable(object value) => value is long s ? FromSeconds(s) : null;
}
