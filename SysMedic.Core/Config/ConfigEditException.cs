namespace SysMedic.Core.Config;

/// <summary>The file is written in a way <see cref="ConfigEditor"/> will not change automatically; the message says why.</summary>
public sealed class ConfigEditException(string message) : Exception(message);
