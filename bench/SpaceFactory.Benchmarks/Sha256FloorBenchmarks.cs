using System.Buffers;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace SpaceFactory.Benchmarks;

/// <summary>
/// The floor under the LFS upload: SHA-256 of 256 MiB read from memory in 1 MiB chunks, the same loop the commit
/// uses before the batch request. An LFS commit cannot be faster than this plus one more read for the PUT.
/// </summary>
[MemoryDiagnoser]
public class Sha256FloorBenchmarks
{
    private const int Chunk = 1024 * 1024;
    private readonly byte[] _data = new byte[Chunk];

    [Params(256)]
    public int SizeMiB { get; set; }

    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_data);

    [Benchmark]
    public byte[] Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            for (var i = 0; i < SizeMiB; i++)
            {
                _data.CopyTo(buffer, 0);
                hash.AppendData(buffer, 0, Chunk);
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
