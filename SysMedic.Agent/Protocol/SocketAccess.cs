using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace SysMedic.Agent.Protocol;

/// <summary>Permissions and peer credentials of the local socket.</summary>
internal static partial class SocketAccess
{
    /// <summary>The group whose members may use the local doctor.</summary>
    public const string Group = "sysmedic";

    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int EExist = 17;

    /// <summary>Mode 0660; group <see cref="Group"/> when it exists (else the owner's group).</summary>
    public static void Restrict(string path, ILogger logger)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        if (Core.Config.SystemGroups.IdOf(Group) is { } gid && chown(path, -1, (int)gid) != 0)
        {
            logger.LogWarning("local socket: cannot give {Path} to group {Group} (errno {Errno})", path, Group, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Gives the socket at <paramref name="existing"/> a second name, <paramref name="path"/>; fails if that name is taken.</summary>
    public static void Link(string existing, string path)
    {
        if (link(existing, path) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == EExist
                ? $"{path}: another process is serving this socket"
                : $"{path}: cannot create the socket ({Marshal.GetPInvokeErrorMessage(errno)})");
        }
    }

    /// <summary>Who is on the other end, from SO_PEERCRED.</summary>
    public static PeerCredentials PeerOf(Socket socket)
    {
        Span<byte> cred = stackalloc byte[12];
        try
        {
            int n = socket.GetRawSocketOption(SolSocket, SoPeerCred, cred);
            return n >= 12
                ? new PeerCredentials(BitConverter.ToInt32(cred), BitConverter.ToUInt32(cred[4..]), BitConverter.ToUInt32(cred[8..]))
                : PeerCredentials.Unknown;
        }
        catch (SocketException)
        {
            return PeerCredentials.Unknown;
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, int owner, int group);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string path);
}
