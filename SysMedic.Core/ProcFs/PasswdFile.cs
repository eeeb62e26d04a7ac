using System.Globalization;

namespace SysMedic.Core.ProcFs;

/// <summary>
/// uid to user name from <c>/etc/passwd</c>, passwd(5): <c>alice:x:1000:1000:Alice:/home/alice:/bin/bash</c>.
/// Cached; the file is read again when its modification time or size changes. A uid with no entry is named by its
/// number.
/// </summary>
public sealed class PasswdFile(string path)
{
    private readonly Dictionary<uint, string> _numbers = [];
    private Dictionary<uint, string> _names = [];
    private DateTime _mtime = DateTime.MinValue;
    private long _length = -1;

    /// <summary>The file this reads.</summary>
    public string Path { get; } = path;

    /// <summary>Counts reloads, so callers holding resolved names know when to resolve again.</summary>
    public int Version { get; private set; }

    /// <summary>Reloads the file if it changed since the last look; returns true when it did.</summary>
    public bool Refresh()
    {
        var info = new FileInfo(Path);
        DateTime mtime = info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
        long length = info.Exists ? info.Length : -1;
        if (mtime == _mtime && length == _length && Version > 0)
        {
            return false;
        }

        _mtime = mtime;
        _length = length;
        _names = Load(Path);
        Version++;
        return true;
    }

    /// <summary>The user name of <paramref name="uid"/>, or the uid as a number when passwd has no entry.</summary>
    public string NameOf(uint uid)
    {
        if (Version == 0)
        {
            _ = Refresh();
        }

        if (_names.TryGetValue(uid, out string? name))
        {
            return name;
        }

        if (!_numbers.TryGetValue(uid, out string? number))
        {
            number = uid.ToString(CultureInfo.InvariantCulture);
            _numbers[uid] = number;
        }

        return number;
    }

    /// <summary>The uid of <paramref name="name"/>, when passwd has it.</summary>
    public uint? UidOf(string name)
    {
        if (Version == 0)
        {
            _ = Refresh();
        }

        foreach (var (uid, n) in _names)
        {
            if (n == name)
            {
                return uid;
            }
        }

        return null;
    }

    /// <summary>Parses passwd text: the first entry for a uid wins, as getpwuid(3) does; malformed lines are skipped.</summary>
    public static Dictionary<uint, string> Parse(string text)
    {
        var names = new Dictionary<uint, string>();
        foreach (string line in text.Split('\n'))
        {
            string[] fields = line.Split(':');
            if (fields.Length < 4 || fields[0].Length == 0 || fields[0].StartsWith('#')
                || !uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint uid))
            {
                continue;
            }

            _ = names.TryAdd(uid, fields[0]);
        }

        return names;
    }

    private static Dictionary<uint, string> Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
