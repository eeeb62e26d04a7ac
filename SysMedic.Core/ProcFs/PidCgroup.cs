namespace SysMedic.Core.ProcFs;

/// <summary>
/// <c>/proc/[pid]/cgroup</c>, cgroups(7): one <c>hierarchy-ID:controllers:path</c> line per hierarchy, e.g.
/// <c>0::/user.slice/user-1000.slice/session-3.scope</c> (cgroup v2, the only line on a v2-only host) or
/// <c>4:memory:/system.slice/cron.service</c> (v1).
/// </summary>
public static class PidCgroup
{
    /// <summary>
    /// Finds the process's cgroup in <paramref name="text"/>: the v2 line (<c>0::</c>), else systemd's v1 hierarchy
    /// (<c>name=systemd</c>), else the first line. False when no line has the three fields.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out Range path, out bool unified)
    {
        path = default;
        unified = false;
        bool found = false;
        int offset = 0;
        while (offset < text.Length)
        {
            ReadOnlySpan<byte> rest = text[offset..];
            int nl = rest.IndexOf((byte)'\n');
            int length = nl < 0 ? rest.Length : nl;
            ReadOnlySpan<byte> line = rest[..length];
            int first = line.IndexOf((byte)':');
            int second = first < 0 ? -1 : line[(first + 1)..].IndexOf((byte)':');
            if (second >= 0)
            {
                second += first + 1;
                var lineRange = new Range(offset + second + 1, offset + length);
                ReadOnlySpan<byte> id = line[..first];
                ReadOnlySpan<byte> controllers = line[(first + 1)..second];
                if (id.SequenceEqual("0"u8) && controllers.IsEmpty)
                {
                    path = lineRange;
                    unified = true;
                    return true;
                }

                if (!found || controllers.SequenceEqual("name=systemd"u8))
                {
                    path = lineRange;
                    found = true;
                }
            }

            offset += length + 1;
        }

        return found;
    }

    /// <summary>The uid of the systemd user slice a cgroup path lies in (<c>/user.slice/user-1000.slice/...</c>), or null.</summary>
    public static uint? UserSliceUid(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Prefix = "/user.slice/user-";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        int end = path.IndexOf(".slice", Prefix.Length, StringComparison.Ordinal);
        return end > Prefix.Length
            && uint.TryParse(path.AsSpan(Prefix.Length, end - Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint uid)
            && (end + 6 == path.Length || path[end + 6] == '/')
            ? uid
            : null;
    }
}
