namespace SysMedic.Tui.Connection;

/// <summary>The monitored host: its name, kernel release and CPU count.</summary>
public sealed record HostInfo(string Hostname, string Kernel, int CpuCount);
