using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SysMedic.Core.Config;

/// <summary>
/// A YAML parser that remembers where the last event ended, so an error the loader raises without a position
/// (some malformed flow collections end in an InvalidOperationException) can still name a line.
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    /// <summary>The end of the last event read.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        bool more = inner.MoveNext();
        if (inner.Current is { } current)
        {
            LastEnd = current.End;
        }

        return more;
    }
}
