namespace SysMedic.Bench.Fleet;

/// <summary>What a <see cref="RelayPort"/> tells the fleet about its clients.</summary>
public interface IFleetEvents
{
    /// <summary>A client finished its upgrade on <paramref name="port"/>, on <paramref name="feed"/>.</summary>
    void Connected(RelayPort port, string feed);

    /// <summary>A client changed its feed with <c>subscribe</c>.</summary>
    void Subscribed(RelayPort port, string feed);

    /// <summary>A client's connection ended.</summary>
    void Disconnected(RelayPort port);
}
