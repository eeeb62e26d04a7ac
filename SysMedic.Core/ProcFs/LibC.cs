using System.Runtime.InteropServices;

namespace SysMedic.Core.ProcFs;

/// <summary>The few libc calls the /proc readers need, declared once (source-generated, AOT-safe).</summary>
internal static unsafe partial class LibC
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint geteuid();
}
