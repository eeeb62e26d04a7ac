namespace SysMedic.Core.Config;

/// <summary>Looks up groups in <c>/etc/group</c> (SysMedic's groups are local system groups, made by its packages).</summary>
public static class SystemGroups
{
    /// <summary>The id of the group <paramref name="name"/>, or null when there is no such group (or no readable group file).</summary>
    public static uint? IdOf(string name)
    {
        try
        {
            foreach (string line in File.ReadLines("/etc/group"))
            {
                string[] f = line.Split(':');
                if (f.Length >= 3 && f[0] == name && uint.TryParse(f[2], out uint gid))
                {
                    return gid;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No group file: no such group.
        }

        return null;
    }
}
