using System.Text;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Protocol;

/// <summary>
/// Newline-delimited JSON over a stream (the doctor's Unix socket): one protocol message per line. Lines longer
/// than the limit are refused: the reader never buffers without bound, whatever the peer sends.
/// </summary>
public sealed class LineChannel : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private static readonly byte[] Newline = [(byte)'\n'];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads and writes lines on <paramref name="stream"/>; an incoming line over <paramref name="maxLineBytes"/> ends the channel.</summary>
    public LineChannel(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>
    /// The next line without its newline, or null at the end of the stream. Throws <see cref="ProtocolViolationException"/>
    /// when a line is longer than the limit.
    /// </summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancel)
    {
        while (true)
        {
            int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (nl >= 0)
            {
                string line = Encoding.UTF8.GetString(_buffer, _start, nl - _start);
                _start = nl + 1;
                return line;
            }

            if (_end - _start > _maxLineBytes)
            {
                throw new ProtocolViolationException($"a message is longer than {_maxLineBytes} bytes");
            }

            Compact();
            int n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancel);
            if (n == 0)
            {
                return null;
            }

            _end += n;
        }
    }

    /// <summary>Reads the next message; a line that is not a valid message yields its error instead.</summary>
    public async ValueTask<(ProtocolMessage? Message, ErrorMessage? Error, bool Ended)> ReadMessageAsync(CancellationToken cancel)
    {
        string? line = await ReadLineAsync(cancel);
        if (line is null)
        {
            return (null, null, true);
        }

        return ProtocolCodec.TryParse(line, out ProtocolMessage? message, out ErrorMessage? error) ? (message, null, false) : (null, error, false);
    }

    /// <summary>Writes one message as one line.</summary>
    public ValueTask SendAsync(ProtocolMessage message, CancellationToken cancel) => SendLineAsync(ProtocolCodec.Serialize(message), cancel);

    /// <summary>Writes an already serialized message.</summary>
    public ValueTask SendLineAsync(string json, CancellationToken cancel) => SendLineAsync(Encoding.UTF8.GetBytes(json), cancel);

    /// <summary>Writes a message already serialized as UTF-8 (once for every client of a broadcast), then the newline.</summary>
    public async ValueTask SendLineAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancel)
    {
        await _writeLock.WaitAsync(cancel);
        try
        {
            await _stream.WriteAsync(utf8, cancel);
            await _stream.WriteAsync(Newline, cancel);
            await _stream.FlushAsync(cancel);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxLineBytes + 2));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _writeLock.Dispose();
    }
}
