using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Reads the events of one Job log connection in a single pass over a <see cref="PipeReader"/>'s buffers: SSE framing
/// (the WHATWG rules, as <see cref="System.Net.ServerSentEvents.SseParser"/> applies them) and
/// <see cref="JobLogEventParser"/> together, straight from the bytes. An event that lies within one buffer segment
/// (nearly all of them) is parsed where it lies; only a line or event cut by a segment boundary is copied.
/// </summary>
/// <remarks>
/// Lines end in CR, LF or CRLF; comments (<c>:</c>, keep-alives) and the fields <c>event</c>, <c>id</c>, <c>retry</c> and
/// unknown ones are skipped; the <c>data</c> lines of an event are joined with LF; a blank line dispatches an event that
/// had data; a leading UTF-8 BOM is skipped; an event cut off by the end of the stream is dropped. One event may hold at
/// most <see cref="MaxEventBytes"/>, the in-box parser's limit: a longer one ends the stream with
/// <see cref="HfProtocolException"/>.
/// </remarks>
internal sealed class JobLogEventReader : IAsyncDisposable
{
    /// <summary>The most bytes the lines of one event may hold (the in-box SSE parser's line and data limit).</summary>
    public const int MaxEventBytes = 64 * 1024 * 1024;

    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';

    /// <summary>Pipe segments: large enough that few events straddle two, small enough to stay out of the large-object heap.</summary>
    private static readonly StreamPipeReaderOptions PipeOptions = new(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true);

    private readonly PipeReader _pipe;
    private readonly string _description;
    private readonly int _maxEventBytes;
    private readonly CancellationToken _cancellationToken;

    // The read being worked through: its buffer, the next segment's position and the current segment.
    private ReadOnlySequence<byte> _buffer;
    private SequencePosition _nextSegment;
    private ReadOnlyMemory<byte> _segment;
    private int _offset;
    private bool _holdingRead;
    private bool _endOfStream;

    // What a segment boundary cut: the start of a line, the data of an event.
    private byte[] _line = [];
    private int _lineLength;
    private bool _inLine;
    private byte[] _data = [];
    private int _dataLength;
    private bool _hasData;
    private long _eventBytes;
    private bool _skipLineFeed;
    private bool _atStreamStart = true;

    /// <param name="body">The response body; not disposed by this reader.</param>
    /// <param name="description">"GET /path" for the error of an oversized event.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="maxEventBytes">The bound of one event (tests use small ones).</param>
    public JobLogEventReader(Stream body, string description, CancellationToken cancellationToken, int maxEventBytes = MaxEventBytes)
    {
        _pipe = PipeReader.Create(body, PipeOptions);
        _description = description;
        _cancellationToken = cancellationToken;
        _maxEventBytes = maxEventBytes;
    }

    /// <summary>The event read by the last successful <see cref="MoveNextAsync"/>.</summary>
    public JobLogEvent Current { get; private set; }

    /// <summary>Reads the next event; <see langword="false"/> at the end of the stream.</summary>
    /// <remarks>Synchronous while the buffered bytes hold a whole event: the pipe is only awaited for more bytes.</remarks>
    public ValueTask<bool> MoveNextAsync() => TryReadBuffered() ? new ValueTask<bool>(true) : ReadMoreAsync();

    public async ValueTask DisposeAsync()
    {
        await _pipe.CompleteAsync().ConfigureAwait(false);
        Return(ref _line);
        Return(ref _data);
    }

    private async ValueTask<bool> ReadMoreAsync()
    {
        while (true)
        {
            if (_holdingRead)
            {
                // Everything buffered was consumed: what an unfinished line or event needs was copied aside.
                _pipe.AdvanceTo(_buffer.End);
                _holdingRead = false;
            }

            if (_endOfStream)
            {
                // The spec: an event cut off by the end of the stream is not dispatched.
                return false;
            }

            var read = await _pipe.ReadAsync(_cancellationToken).ConfigureAwait(false);
            _buffer = read.Buffer;
            _nextSegment = _buffer.Start;
            _segment = default;
            _offset = 0;
            _holdingRead = true;
            _endOfStream = read.IsCompleted;
            if (TryReadBuffered())
            {
                return true;
            }
        }
    }

    /// <summary>The next event from the bytes already read, segment by segment; <see langword="false"/> when they hold none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadBuffered()
    {
        while (true)
        {
            if (_offset < _segment.Length)
            {
                if (TryReadEvent(_segment.Span))
                {
                    return true;
                }
            }

            if (!_holdingRead || !_buffer.TryGet(ref _nextSegment, out _segment))
            {
                return false;
            }

            _offset = 0;
        }
    }

    /// <summary>
    /// Frames lines from <c>_offset</c> in <paramref name="span"/> until an event is complete (<see langword="true"/>,
    /// <see cref="Current"/> set, <c>_offset</c> after it) or the span is used up (what is unfinished is copied aside).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadEvent(ReadOnlySpan<byte> span)
    {
        var position = _offset;
        if (_skipLineFeed)
        {
            // The previous segment ended in CR: an LF here completes that CRLF.
            _skipLineFeed = false;
            if (span[position] == LF)
            {
                position++;
            }
        }

        if (_inLine && !CompleteCarriedLine(span, ref position, out var carriedEvent))
        {
            _offset = position;
            return carriedEvent;
        }

        // The data of a single-data-line event that lies in this span: parsed where it lies.
        var dataStart = -1;
        var dataLength = 0;
        while (true)
        {
            var rest = span[position..];
            var end = rest.IndexOfAny(CR, LF);
            if (end < 0)
            {
                if (dataStart >= 0)
                {
                    AppendData(span.Slice(dataStart, dataLength), separator: false);
                }

                if (!rest.IsEmpty)
                {
                    CarryLine(rest);
                }

                _offset = span.Length;
                return false;
            }

            var lineStart = position;
            var line = rest[..end];
            position += end + 1;
            if (rest[end] == CR)
            {
                if (end + 1 < rest.Length)
                {
                    position += rest[end + 1] == LF ? 1 : 0;
                }
                else
                {
                    _skipLineFeed = true;
                }
            }

            if (_atStreamStart)
            {
                _atStreamStart = false;
                if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    line = line[3..];
                    lineStart += 3;
                }
            }

            if (line.IsEmpty)
            {
                _eventBytes = 0;
                if (_hasData)
                {
                    Current = JobLogEventParser.Parse(dataStart >= 0 ? span.Slice(dataStart, dataLength) : _data.AsSpan(0, _dataLength));
                    _hasData = false;
                    _dataLength = 0;
                    _offset = position;
                    return true;
                }

                continue;
            }

            _eventBytes += line.Length;
            if (_eventBytes > _maxEventBytes)
            {
                throw TooLarge();
            }

            if (IsData(line, out var valueOffset))
            {
                if (!_hasData)
                {
                    _hasData = true;
                    dataStart = lineStart + valueOffset;
                    dataLength = line.Length - valueOffset;
                }
                else
                {
                    if (dataStart >= 0)
                    {
                        AppendData(span.Slice(dataStart, dataLength), separator: false);
                        dataStart = -1;
                    }

                    AppendData(line[valueOffset..], separator: true);
                }
            }
        }
    }

    /// <summary>
    /// Finishes the line the previous segment cut: <see langword="true"/> when framing goes on in this span,
    /// <see langword="false"/> when the span ended first or the line completed an event (<paramref name="dispatched"/>).
    /// </summary>
    private bool CompleteCarriedLine(ReadOnlySpan<byte> span, ref int position, out bool dispatched)
    {
        dispatched = false;
        var rest = span[position..];
        var end = rest.IndexOfAny(CR, LF);
        if (end < 0)
        {
            CarryLine(rest);
            position = span.Length;
            return false;
        }

        CarryLine(rest[..end]);
        position += end + 1;
        if (rest[end] == CR)
        {
            if (end + 1 < rest.Length)
            {
                position += rest[end + 1] == LF ? 1 : 0;
            }
            else
            {
                _skipLineFeed = true;
            }
        }

        _inLine = false;
        ReadOnlySpan<byte> line = _line.AsSpan(0, _lineLength);
        _lineLength = 0;
        if (_atStreamStart)
        {
            _atStreamStart = false;
            if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                line = line[3..];
            }
        }

        if (line.IsEmpty)
        {
            // Only a BOM was cut off: a blank line.
            _eventBytes = 0;
            if (_hasData)
            {
                Current = JobLogEventParser.Parse(_data.AsSpan(0, _dataLength));
                _hasData = false;
                _dataLength = 0;
                dispatched = true;
                return false;
            }

            return true;
        }

        if (IsData(line, out var valueOffset))
        {
            AppendData(line[valueOffset..], separator: _hasData);
            _hasData = true;
        }

        return true;
    }

    /// <summary>Whether the line is a <c>data</c> field; <paramref name="valueOffset"/>: where its value starts.</summary>
    private static bool IsData(ReadOnlySpan<byte> line, out int valueOffset)
    {
        // "data" alone, or "data:" with an optional single space before the value. Anything else (a comment, event, id,
        // retry, an unknown field) carries nothing the Job log needs.
        valueOffset = 4;
        if (!line.StartsWith("data"u8))
        {
            return false;
        }

        if (line.Length == 4)
        {
            return true;
        }

        if (line[4] != (byte)':')
        {
            return false;
        }

        valueOffset = line.Length > 5 && line[5] == (byte)' ' ? 6 : 5;
        return true;
    }

    /// <summary>Keeps the start of a line the segment cut (bounded by the event limit).</summary>
    private void CarryLine(ReadOnlySpan<byte> bytes)
    {
        _inLine = true;
        _eventBytes += bytes.Length;
        if (_eventBytes > _maxEventBytes)
        {
            throw TooLarge();
        }

        Append(ref _line, ref _lineLength, bytes, separator: false);
    }

    private void AppendData(ReadOnlySpan<byte> value, bool separator) => Append(ref _data, ref _dataLength, value, separator);

    private static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes, bool separator)
    {
        var needed = length + bytes.Length + (separator ? 1 : 0);
        if (needed > buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(1024, buffer.Length * 2)));
            buffer.AsSpan(0, length).CopyTo(grown);
            Return(ref buffer);
            buffer = grown;
        }

        if (separator)
        {
            buffer[length++] = LF;
        }

        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private static void Return(ref byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = [];
    }

    private HfProtocolException TooLarge() =>
        new($"{_description}: one server-sent event of the Job log grew past {Http.BoundedBody.Size(_maxEventBytes)}; the stream was closed.");
}
