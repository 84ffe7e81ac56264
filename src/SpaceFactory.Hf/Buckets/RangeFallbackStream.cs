namespace SpaceFactory.Hf.Buckets;

/// <summary>
/// Cuts the requested range out of a full response body, for a server that ignored <c>Range</c> and answered 200:
/// skips the first bytes and stops after the requested length.
/// </summary>
internal sealed class RangeFallbackStream(Stream inner, long offset, long? length) : Http.AsyncReadOnlyStream(inner, "Bucket files")
{
    private long _toSkip = offset;
    private long? _remaining = length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_toSkip > 0)
        {
            var chunk = buffer.Length == 0 ? new byte[4096].AsMemory() : buffer;
            var skipped = await Inner.ReadAsync(chunk[..(int)Math.Min(chunk.Length, _toSkip)], cancellationToken).ConfigureAwait(false);
            if (skipped == 0)
            {
                return 0;
            }

            _toSkip -= skipped;
        }

        if (_remaining is 0 || buffer.Length == 0)
        {
            return 0;
        }

        var window = _remaining is { } remaining && remaining < buffer.Length ? buffer[..(int)remaining] : buffer;
        var read = await Inner.ReadAsync(window, cancellationToken).ConfigureAwait(false);
        _remaining -= read;
        return read;
    }
}
