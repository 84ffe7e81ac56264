using System.Text.Json.Serialization;
using SpaceFactory.Hf.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>Whether a <see cref="BucketEntry"/> is a file or a directory. Open set: other spellings are kept.</summary>
[JsonConverter(typeof(WireStringJsonConverter<BucketEntryType>))]
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public readonly record struct BucketEntryType : IWireString<BucketEntryType>
{
    private readonly string? _value;

    private BucketEntryType(string value) => _value = value;

    /// <summary>A file.</summary>
    public static BucketEntryType File { get; } = new("file");

    /// <summary>A directory (listed only by non-recursive listings).</summary>
    public static BucketEntryType Directory { get; } = new("directory");

    /// <summary>The wire spelling; empty for a default value.</summary>
    public string Value => _value ?? string.Empty;

    string? IWireString<BucketEntryType>.WireValue => _value;

    /// <inheritdoc />
    static BucketEntryType IWireString<BucketEntryType>.FromWire(string value) => new(value);

    /// <summary>The wire spelling.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
