namespace SysMedic.Core.ProcFs;

/// <summary>Walks whitespace-separated ASCII fields of a /proc file without allocating.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> text)
{
    private ReadOnlySpan<byte> _rest = text;

    /// <summary>What is left to read.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest;

    /// <summary>The next field, skipping spaces and tabs (not newlines); empty at the end of the line or text.</summary>
    public ReadOnlySpan<byte> NextField()
    {
        int i = 0;
        while (i < _rest.Length && (_rest[i] == (byte)' ' || _rest[i] == (byte)'\t'))
        {
            i++;
        }

        int start = i;
        while (i < _rest.Length && _rest[i] > (byte)' ')
        {
            i++;
        }

        ReadOnlySpan<byte> field = _rest[start..i];
        _rest = _rest[i..];
        return field;
    }

    /// <summary>Skips <paramref name="count"/> fields; false when the text ends first.</summary>
    public bool Skip(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (NextField().IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The next field as an unsigned number; false when missing or not a number.</summary>
    public bool NextUInt64(out ulong value) => TryParseUInt64(NextField(), out value);

    /// <summary>The next field as a signed number; false when missing or not a number.</summary>
    public bool NextInt64(out long value)
    {
        ReadOnlySpan<byte> field = NextField();
        bool negative = field.Length > 0 && field[0] == (byte)'-';
        if (!TryParseUInt64(negative ? field[1..] : field, out ulong magnitude) || magnitude > long.MaxValue)
        {
            value = 0;
            return false;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    /// <summary>The next field as a decimal fraction (loadavg, uptime); false when missing or malformed.</summary>
    public bool NextDouble(out double value) =>
        System.Buffers.Text.Utf8Parser.TryParse(NextField(), out value, out int consumed) && consumed > 0;

    /// <summary>Moves past the end of the current line.</summary>
    public void SkipLine()
    {
        int nl = _rest.IndexOf((byte)'\n');
        _rest = nl < 0 ? [] : _rest[(nl + 1)..];
    }

    /// <summary>Parses ASCII digits; false when empty, not all digits, or over 20 digits.</summary>
    public static bool TryParseUInt64(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 20)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                value = 0;
                return false;
            }

            value = unchecked((value * 10) + d);
        }

        return true;
    }
}
